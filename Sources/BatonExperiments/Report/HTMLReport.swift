import BatonCore
import Foundation

/// One self-contained HTML page for an output directory: how it was made (command, Baton version,
/// seeds, from DIR/manifest.json), every SVG figure inline, and every CSV / JSON-lines result
/// table as an HTML table. No scripts, fonts, images or styles are loaded from elsewhere.
public enum HTMLReport {
    /// Files found in a directory, sorted by relative path.
    struct Inventory {
        var figures: [String] = []
        var tables: [String] = []
    }

    /// Builds the page.
    /// - Parameters:
    ///   - directory: the output directory (searched up to three levels deep; hidden entries and
    ///     `.vl.json` / `.html` files are skipped).
    ///   - title: page title (default: the sweep name from the manifest, else the directory name).
    ///   - maxRowsPerTable: rows shown per table (the rest is counted in a note).
    ///   - interval: how the 95% intervals of the mean-over-seeds summary are formed.
    ///   - baseline: a scheduler of a sweep's results.jsonl: adds the paired comparison of every
    ///     other scheduler against it (`PairedComparison`).
    /// - Throws: `InputError` (.flag, `--baseline`) when the baseline is not among the schedulers.
    /// - Throws: `InputError` (.file) when the directory cannot be read. Unreadable tables are
    ///   reported inside the page instead.
    public static func build(directory: String, title: String? = nil, maxRowsPerTable: Int = 1000,
                             interval: IntervalMethod = .studentT, baseline: String? = nil) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(.file, file: directory, "not a directory", hint: "pass the output directory of a sweep or experiment")
        }
        let inventory = scan(directory)
        let manifest = readManifest(directory)
        let name = title ?? (manifest["sweep"] as? String).map { "Baton report: \($0)" }
            ?? "Baton report: \((directory as NSString).lastPathComponent)"

        var tables: [(path: String, result: Result<ResultTable, InputError>)] = []
        var totals: [String: Int] = [:]  // rows of a table read only in part
        for path in inventory.tables {
            do {
                // A large table is streamed: its first rows are read and the rest only counted, so
                // time is linear and memory bounded whatever its size (issue 12).
                let full = joinPath(directory, path)
                let size: Int
                if case .file(let bytes) = InputFile.status(full) { size = bytes } else { size = 0 }
                if size > fullReadBytes {
                    let prefix = try ResultFileReader.readPrefix(path: full, maxRows: maxRowsPerTable)
                    totals[path] = prefix.totalRows
                    tables.append((path, .success(prefix.table)))
                } else {
                    tables.append((path, .success(try ResultFileReader.read(path: full))))
                }
            } catch let error as InputError {
                tables.append((path, .failure(error)))
            } catch {
                tables.append((path, .failure(InputError(.file, file: path, "\(error)"))))
            }
        }

        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(escape(name))</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n"
        html += "<header><h1>\(escape(name))</h1>\n"
        html += provenance(manifest: manifest, tables: tables.compactMap { try? $0.result.get() })
        html += "</header>\n"
        let summary = seedSummary(directory: directory, tables: tables.filter { totals[$0.path] == nil }, interval: interval)
        var comparison: (table: ResultTable, sentences: [String])?
        if let baseline {
            guard let spec = try? SweepSpec.load(path: joinPath(directory, "sweep.yaml")),
                  let entry = tables.first(where: { $0.path == SweepResultsFile.fileName }), case .success(let results) = entry.result else {
                throw InputError(.flag, field: "--baseline", "a baseline comparison needs a sweep directory (sweep.yaml and \(SweepResultsFile.fileName))")
            }
            let rows = try PairedComparison.rows(PairedSample.fromTable(results, parameters: spec.parameterNames), baseline: baseline,
                                                 interval: interval)
            comparison = (PairedComparison.table(rows), PairedComparison.summaryLines(rows, metrics: ["violation_rate", "antt", "uxcost"]))
        }
        html += contents(figures: inventory.figures, tables: inventory.tables, hasSummary: summary != nil)

        if !inventory.figures.isEmpty {
            html += "<section id=\"figures\">\n<h2>Figures</h2>\n"
            for (i, path) in inventory.figures.enumerated() {
                html += "<figure id=\"figure-\(i + 1)\">\n"
                if let svg = try? readTextFile(joinPath(directory, path)) {
                    html += inlineSVG(svg) + "\n"
                } else {
                    html += "<p class=\"error\">cannot read this figure</p>\n"
                }
                html += "<figcaption>Figure \(i + 1). <code>\(escape(path))</code></figcaption>\n</figure>\n"
            }
            html += "</section>\n"
        }
        if let summary {
            html += "<section id=\"summary\">\n<h2>Mean over seeds</h2>\n"
            html += "<p class=\"note\">results.jsonl over the seeds of each combination of the other sweep parameters: "
                + "for each metric <code>m</code>, its mean <code>m</code>, standard deviation <code>m_sd</code> and 95% interval "
                + "<code>m_ci_low</code>–<code>m_ci_high</code> (\(interval == .studentT ? "Student's t" : "percentile bootstrap, seeded")).</p>\n"
            html += tableHTML(summary, maxRows: maxRowsPerTable)
            html += "</section>\n"
        }
        if let comparison, let baseline {
            html += "<section id=\"comparison\">\n<h2>Paired differences against \(escape(baseline))</h2>\n"
            html += "<p class=\"note\">Per seed, each scheduler minus the baseline on the same requests or frames: mean, sd, 95% interval, "
                + "and the seeds on which it was better (wins) or worse (losses).</p>\n"
            if !comparison.sentences.isEmpty {
                html += "<ul>\n" + comparison.sentences.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
            }
            html += tableHTML(comparison.table, maxRows: maxRowsPerTable)
            html += "</section>\n"
        }
        if !tables.isEmpty {
            html += "<section id=\"tables\">\n<h2>Result tables</h2>\n"
            for (i, entry) in tables.enumerated() {
                html += "<article id=\"table-\(i + 1)\">\n<h3>Table \(i + 1). <code>\(escape(entry.path))</code></h3>\n"
                switch entry.result {
                case .success(let table): html += tableHTML(table, maxRows: maxRowsPerTable, totalRows: totals[entry.path])
                case .failure(let error): html += "<p class=\"error\">\(escape(error.description))</p>\n"
                }
                html += "</article>\n"
            }
            html += "</section>\n"
        }
        if inventory.figures.isEmpty && tables.isEmpty {
            html += "<p>No figures (.svg) or result tables (.csv, .jsonl) were found in this directory.</p>\n"
        }
        html += "<footer>Generated by Baton \(escape(BatonVersion.current)). Self-contained: no external resources.</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    /// Builds the page and writes it to `path`.
    public static func write(directory: String, to path: String, title: String? = nil, interval: IntervalMethod = .studentT,
                             baseline: String? = nil) throws {
        try writeTextFileAtomically(try build(directory: directory, title: title, interval: interval, baseline: baseline), to: path)
    }

    // MARK: Parts

    static func scan(_ directory: String) -> Inventory {
        var inventory = Inventory()
        func visit(_ relative: String, depth: Int) {
            let full = relative.isEmpty ? directory : joinPath(directory, relative)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: full) else { return }
            for name in names.sorted(by: SweepPointKey.precedes) where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: joinPath(directory, path), isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if depth < 3 { visit(path, depth: depth + 1) }
                    continue
                }
                let lower = name.lowercased()
                if lower.hasSuffix(".svg") { inventory.figures.append(path) }
                else if lower.hasSuffix(".csv") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { inventory.tables.append(path) }
            }
        }
        visit("", depth: 1)
        return inventory
    }

    static func readManifest(_ directory: String) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: joinPath(directory, SweepManifest.fileName)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// Command, version, seeds and the other manifest fields, as a definition list.
    static func provenance(manifest: [String: Any], tables: [ResultTable]) -> String {
        var rows: [(String, String)] = []
        if let command = manifest["command"] as? String { rows.append(("Command", "<code>\(escape(command))</code>")) }
        let version = manifest["baton_version"] as? String ?? BatonVersion.current
        rows.append(("Baton version", escape(version)))
        if let study = manifest["study"] as? String { rows.append(("Study", escape(study))) }
        if let total = manifest["points_total"] as? Int {
            var text = "\(total)"
            if let shard = manifest["shard"] as? String { text += " (this directory: shard \(escape(shard)), \(manifest["points_selected"] as? Int ?? 0) points)" }
            rows.append(("Points", text))
        }
        var seeds = (manifest["seeds"] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } ?? []
        if seeds.isEmpty { seeds = seedsInTables(tables) }
        rows.append(("Seeds", seeds.isEmpty ? "none recorded" : seedList(seeds)))
        if let inputs = manifest["inputs"] as? [String], !inputs.isEmpty {
            rows.append(("Merged from", inputs.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")))
        }
        if manifest.isEmpty { rows.append(("Manifest", "no manifest.json in this directory")) }
        return "<dl class=\"provenance\">\n" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>\n" }.joined() + "</dl>\n"
    }

    /// Distinct values of any `seed` column.
    static func seedsInTables(_ tables: [ResultTable]) -> [Int] {
        var seeds = Set<Int>()
        for table in tables {
            guard let index = table.columns.firstIndex(of: "seed") else { continue }
            for row in table.rows { if case .int(let seed) = row[index] { seeds.insert(seed) } }
        }
        return seeds.sorted()
    }

    /// "1–5" for a run of consecutive seeds, else the list.
    static func seedList(_ seeds: [Int]) -> String {
        guard let first = seeds.first, let last = seeds.last else { return "" }
        if seeds.count > 2 && last - first == seeds.count - 1 { return "\(first)–\(last) (\(seeds.count) seeds)" }
        return seeds.map(String.init).joined(separator: ", ")
    }

    static func contents(figures: [String], tables: [String], hasSummary: Bool) -> String {
        guard figures.count + tables.count > 1 else { return "" }
        var html = "<nav><h2>Contents</h2>\n<ol>\n"
        for (i, path) in figures.enumerated() { html += "<li><a href=\"#figure-\(i + 1)\">Figure \(i + 1): \(escape(path))</a></li>\n" }
        if hasSummary { html += "<li><a href=\"#summary\">Mean over seeds</a></li>\n" }
        for (i, path) in tables.enumerated() { html += "<li><a href=\"#table-\(i + 1)\">Table \(i + 1): \(escape(path))</a></li>\n" }
        return html + "</ol>\n</nav>\n"
    }

    /// The SVG element of a file, without any XML declaration or doctype before it.
    static func inlineSVG(_ text: String) -> String {
        guard let start = text.range(of: "<svg") else { return "<p class=\"error\">not an SVG file</p>" }
        return String(text[start.lowerBound...]).trimmingTrailingNewlines()
    }

    /// Tables larger than this (bytes) are streamed: only the shown rows are read, and they get no
    /// mean-over-seeds summary.
    public static let fullReadBytes = 16 << 20

    /// `totalRows`: the row count of a table read only in part (nil: `original` is the whole table).
    static func tableHTML(_ original: ResultTable, maxRows: Int, totalRows: Int? = nil) -> String {
        // A sweep's point key repeats the parameter columns: show it last.
        var table = original
        if let key = table.columns.firstIndex(of: "point"), key != table.columns.count - 1 {
            table.columns.append(table.columns.remove(at: key))
            table.rows = table.rows.map { row in var row = row; row.append(row.remove(at: key)); return row }
        }
        let numeric = table.columns.indices.map { i in
            !table.rows.isEmpty && table.rows.allSatisfy { $0[i].doubleValue != nil || $0[i] == .text("") }
        }
        let rowCount = totalRows ?? table.rows.count
        var html = "<p class=\"note\">\(rowCount) row\(rowCount == 1 ? "" : "s"), \(table.columns.count) columns"
        if rowCount > maxRows { html += "; the first \(maxRows) are shown" }
        if totalRows != nil { html += " (a large file: only these were read; no mean over seeds)" }
        html += ".</p>\n<div class=\"scroll\"><table>\n<thead><tr>"
        for (i, column) in table.columns.enumerated() { html += "<th\(numeric[i] ? " class=\"num\"" : "")>\(escape(column))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        let shownCells = table.displayCells(digits: 4)
        for (r, row) in table.rows.prefix(maxRows).enumerated() {
            html += "<tr>"
            for (i, value) in row.enumerated() {
                let shown = shownCells[r][i]
                let full = value.description
                let title = shown == full ? "" : " title=\"\(escape(full))\""
                html += "<td\(numeric[i] ? " class=\"num\"" : "")\(title)>\(escape(shown))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }

    /// The mean-over-seeds table of a sweep directory (its sweep.yaml names the parameters), when
    /// results.jsonl has rows for more than one seed.
    static func seedSummary(directory: String, tables: [(path: String, result: Result<ResultTable, InputError>)],
                            interval: IntervalMethod = .studentT) -> ResultTable? {
        guard let spec = try? SweepSpec.load(path: joinPath(directory, "sweep.yaml")),
              let entry = tables.first(where: { $0.path == SweepResultsFile.fileName }),
              case .success(let table) = entry.result,
              let seedIndex = table.columns.firstIndex(of: "seed"),
              Set(table.rows.map { $0[seedIndex] }).count > 1 else { return nil }
        return SeedSummary.meanOverSeeds(table, parameters: spec.parameterNames, interval: interval)
    }

    static func escape(_ text: String) -> String { SVGWriter.escape(text) }

    static let stylesheet = """
        body { font-family: DejaVu Sans, Helvetica, Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1280px; padding: 0 1.5em; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.4em; }
        h2 { font-size: 1.3em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; margin-top: 2em; }
        h3 { font-size: 1.05em; margin-top: 1.6em; }
        code { font-family: DejaVu Sans Mono, Menlo, Consolas, monospace; font-size: 0.92em; background: #f4f4f4; padding: 0 0.25em; border-radius: 3px; }
        dl.provenance { display: grid; grid-template-columns: max-content auto; gap: 0.25em 1.2em; margin: 0.5em 0 1em; }
        dl.provenance dt { font-weight: bold; color: #555; }
        dl.provenance dd { margin: 0; overflow-wrap: anywhere; }
        nav ol { columns: 2; padding-left: 1.4em; }
        figure { margin: 1.5em 0; }
        figure svg { max-width: 100%; height: auto; border: 1px solid #e5e5e5; }
        figcaption { color: #555; font-size: 0.9em; margin-top: 0.3em; }
        .scroll { display: inline-block; max-width: 100%; overflow-x: auto; max-height: 36em; overflow-y: auto; border: 1px solid #e5e5e5; }
        table { border-collapse: collapse; font-size: 0.85em; }
        th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #eee; text-align: left; white-space: nowrap; }
        th { background: #f7f7f7; position: sticky; top: 0; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #fbfbfb; }
        .note { color: #666; font-size: 0.9em; margin: 0.2em 0 0.5em; }
        .error { color: #b00020; }
        footer { margin-top: 3em; color: #777; font-size: 0.85em; border-top: 1px solid #eee; padding-top: 0.6em; }

        """
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var s = self
        while s.last == "\n" || s.last == "\r" { s.removeLast() }
        return s
    }
}
