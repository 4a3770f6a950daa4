import Foundation
import BatonCore

/// Parses comma-separated command-line lists with messages that name the flag.
enum ListParsing {
    /// Names, trimmed, non-empty, without duplicates.
    static func names(_ text: String, flag: String) throws -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        if items.contains(where: \.isEmpty) {
            throw InputError(.flag, field: flag, "empty name in list '\(InputError.echo(text))'", hint: "separate names with commas, e.g. fcfs,dysta")
        }
        var seen = Set<String>()
        for item in items where !seen.insert(item).inserted {
            throw InputError(.flag, field: flag, "'\(InputError.echo(item))' appears twice")
        }
        return items
    }

    /// Finite numbers within `range`, e.g. "10,20,30".
    static func numbers(_ text: String, flag: String, in range: ClosedRange<Double>, what: String) throws -> [Double] {
        let items = try names(text, flag: flag)
        return try items.map { item in
            guard let value = Double(item), value.isFinite else {
                throw InputError(.flag, field: flag, "'\(InputError.echo(item))' is not a number")
            }
            guard range.contains(value) else {
                throw InputError(.flag, field: flag, "\(what) \(item) is out of range (\(range.lowerBound)...\(range.upperBound))")
            }
            return value
        }
    }
}

