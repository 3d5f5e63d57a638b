/// Sessions and search hits as text tables for `aish sessions`. Stored text (titles,
/// and replies a server wrote) is printed through ``TerminalText/sanitized(_:)``.
public enum SessionListing {
    /// One line per session, newest first, under a header:
    /// `ID  LAST USED  SPECIALIST  MSGS  TITLE`.
    public static func table(_ sessions: [StoredSession]) -> String {
        let width = max(sessions.map(\.specialist.count).max() ?? 0, "SPECIALIST".count)
        var text = row("ID", "LAST USED", "SPECIALIST".padding(width), "MSGS", "TITLE")
        for session in sessions {
            text += row(
                session.shortID, SessionDates.short(session.updatedAt), session.specialist.padding(width),
                String(session.messageCount).leftPadding(4), TerminalText.sanitized(session.title))
        }
        return text
    }

    /// Each hit's session line, then its matching messages as indented snippets.
    public static func searchResults(_ hits: [SessionSearchHit], query: String) -> String {
        var text = ""
        for hit in hits {
            let session = hit.session
            let title = TerminalText.sanitized(session.title)
            text += "\(session.shortID)  \(SessionDates.short(session.updatedAt))  \(session.specialist)  \(title)\n"
            for message in hit.messages {
                let who = message.role == .user ? "you" : message.specialist
                text += "    \(who): \(TerminalText.sanitized(snippet(of: message.content, around: query)))\n"
            }
        }
        return text
    }

    /// About `radius` characters either side of the first match of `query` in `text`,
    /// on one line, with `…` where cut.
    public static func snippet(of text: String, around query: String, radius: Int = 40) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let match = flat.range(of: query, options: .caseInsensitive) else {
            return flat.count > 2 * radius ? String(flat.prefix(2 * radius)) + "…" : flat
        }
        let start = flat.index(match.lowerBound, offsetBy: -radius, limitedBy: flat.startIndex) ?? flat.startIndex
        let end = flat.index(match.upperBound, offsetBy: radius, limitedBy: flat.endIndex) ?? flat.endIndex
        return (start > flat.startIndex ? "…" : "") + flat[start..<end] + (end < flat.endIndex ? "…" : "")
    }

    private static func row(_ id: String, _ used: String, _ specialist: String, _ count: String, _ title: String)
        -> String
    {
        "\(id.padding(8))  \(used.padding(16))  \(specialist)  \(count.leftPadding(4))  \(title)\n"
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    fileprivate func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
