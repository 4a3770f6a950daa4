import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML (SVG) text and counts elements by name; nil if the text is not well-formed.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var counts: [String: Int] = [:]
    private(set) var attributes: [(String, [String: String])] = []

    static func parse(_ text: String) -> XMLCheck? {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = check
        return parser.parse() ? check : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes attributeDict: [String: String] = [:]) {
        counts[elementName, default: 0] += 1
        attributes.append((elementName, attributeDict))
    }
}
