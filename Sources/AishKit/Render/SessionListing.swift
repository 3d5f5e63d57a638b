/// Sessions and search hits as text tables for `aish sessions`. Stored text (titles,
/// and replies a server wrote) is printed through ``TerminalText/sanitized(_:)``.
///
/// On a terminal (`columns` given) every line fits its width: a title or a snippet
/// is cut, with `…`, rather than wrapped by the terminal in the middle of a word;
/// piped, lines are whole. With `highlights`, a search's match is in bold.
public enum SessionListing {
    /// One line per session, newest first, under a header:
    /// `ID  LAST USED  SPECIALIST  MSGS  TITLE`.
    public static func table(_ sessions: [StoredSession], columns: Int? = nil) -> String {
        let width = max(sessions.map(\.specialist.count).max() ?? 0, "SPECIALIST".count)
        var text = row("ID", "LAST USED", "SPECIALIST".padding(width), "MSGS", "TITLE")
        for session in sessions {
            // The row up to its title (without the line's end), then the title that fits.
            let lead = row(
                session.shortID, SessionDates.short(session.updatedAt), session.specialist.padding(width),
                String(session.messageCount).leftPadding(4), ""
            ).dropLast()
            text += lead + fitted(TerminalText.sanitized(session.title), after: lead, columns) + "\n"
        }
        return text
    }

    /// Each hit's session line, then its matching messages as indented snippets.
    public static func searchResults(
        _ hits: [SessionSearchHit], query: String, columns: Int? = nil, highlights: Bool = false
    ) -> String {
        var text = ""
        for hit in hits {
            let session = hit.session
            let start = "\(session.shortID)  \(SessionDates.short(session.updatedAt))  \(session.specialist)  "
            text += start + fitted(TerminalText.sanitized(session.title), after: start, columns) + "\n"
            for message in hit.messages {
                let lead = "    \(message.role == .user ? "you" : message.specialist): "
                // The match and as much around it as the line has room for.
                let room = columns.map { $0 - TerminalWidth.cells(lead) } ?? 80
                let radius = max(10, (room - TerminalWidth.cells(query) - 2) / 2)
                let (before, match, after) = snippetParts(of: message.content, around: query, radius: radius)
                let shown = [before, match, after].map { TerminalText.sanitized($0) }
                let bold = highlights && !shown[1].isEmpty
                text += lead + shown[0] + (bold ? "\u{1B}[1m" + shown[1] + "\u{1B}[22m" : shown[1]) + shown[2] + "\n"
            }
        }
        return text
    }

    /// `text` cut to what is left of `columns` after `lead` (whole without `columns`).
    private static func fitted(_ text: String, after lead: some StringProtocol, _ columns: Int?) -> String {
        guard let columns else { return text }
        return TerminalWidth.truncated(text, toCells: max(columns - TerminalWidth.cells(lead), 1))
    }

    /// At most `radius` terminal cells either side of the first match of `query` in
    /// `text`, on one line, with `…` where cut.
    public static func snippet(of text: String, around query: String, radius: Int = 40) -> String {
        let (before, match, after) = snippetParts(of: text, around: query, radius: radius)
        return before + match + after
    }

    /// ``snippet(of:around:radius:)`` in three parts: before the match, the match as
    /// it is written in `text` (empty when there is none), and after it.
    static func snippetParts(of text: String, around query: String, radius: Int) -> (String, String, String) {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard let match = flat.range(of: query, options: .caseInsensitive) else {
            return (TerminalWidth.truncated(flat, toCells: 2 * radius + 1), "", "")
        }
        let before = String(
            TerminalWidth.truncated(String(flat[..<match.lowerBound].reversed()), toCells: radius + 1).reversed())
        return (before, String(flat[match]), TerminalWidth.truncated(flat[match.upperBound...], toCells: radius + 1))
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
