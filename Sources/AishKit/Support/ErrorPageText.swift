import Foundation

/// The gist of an error answer that is no JSON, to quote in a message: its first line,
/// or for an HTML page (a proxy's `502 Bad Gateway`) its title, else its text without
/// the tags. Make it safe to print before showing it.
enum ErrorPageText {
    /// The gist of `text`, trimmed; nil when nothing is left.
    static func gist(of text: String) -> String? {
        let gist =
            text.drop(while: \.isWhitespace).hasPrefix("<")
            ? htmlTitle(text) ?? withoutTags(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            : text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = gist.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The text of an HTML page's `<title>`, if it has one that is not empty.
    static func htmlTitle(_ html: String) -> String? {
        guard let open = html.range(of: "<title", options: .caseInsensitive),
            let end = html[open.upperBound...].firstIndex(of: ">"),
            let close = html.range(of: "</title>", options: .caseInsensitive, range: end..<html.endIndex)
        else { return nil }
        let title = html[html.index(after: end)..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return title.isEmpty ? nil : title
    }

    /// An HTML page's text: the tags dropped, each replaced by a space.
    static func withoutTags(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">" where inTag:
                inTag = false
                text.append(" ")
            default: if !inTag { text.append(character) }
            }
        }
        return text
    }
}
