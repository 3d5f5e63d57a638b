/// Plain text wrapped at words to a width in terminal cells (CJK and emoji count
/// two): what aish prints outside replies (tables, errors, summaries) wraps the way
/// replies do, never in the middle of a word unless one word is wider than a line.
public enum WordWrap {
    /// The lines of `text` (one paragraph; spaces separate words) at most `width`
    /// cells wide. Runs of spaces between words become one where a line breaks.
    public static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var line = ""
        var lineCells = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            var cells = TerminalWidth.visibleCells(String(word))
            if lineCells > 0 && lineCells + 1 + cells <= width {
                line += " " + word
                lineCells += 1 + cells
                continue
            }
            if lineCells > 0 { lines.append(line) }
            // A word wider than a whole line is the one thing split.
            while cells > width {
                let (head, rest) = split(word, at: width)
                lines.append(String(head))
                word = rest
                cells = TerminalWidth.visibleCells(String(word))
            }
            (line, lineCells) = (String(word), cells)
        }
        if lineCells > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` wrapped to `width`, each line break kept, continuation lines indented by `indent`.
    public static func text(_ text: String, width: Int, indent: Int = 0) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { paragraph in
            let lines = Self.lines(String(paragraph), width: width)
            let pad = String(repeating: " ", count: indent)
            return ([lines[0]] + lines.dropFirst().map { pad + $0 }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The longest head of `word` that fits `width` cells (at least one character), and the rest.
    private static func split(_ word: Substring, at width: Int) -> (Substring, Substring) {
        var cells = 0
        var end = word.startIndex
        for index in word.indices {
            let next = cells + TerminalWidth.cells(word[index...index])
            if next > width && end > word.startIndex { break }
            cells = next
            end = word.index(after: index)
        }
        return (word[..<end], word[end...])
    }
}

/// A terminal's status output (standard error) whose whole lines are wrapped at
/// words to the terminal's width, so a note, a warning or the stats line never cuts
/// a word at the screen's edge. A line that fits is written as it is; a write that
/// redraws in place (a spinner's `\r`), or that does not end a line, passes through.
public struct WordWrappingSink: OutputSink {
    private let base: any OutputSink
    private let columns: TerminalColumns

    /// `base`, wrapped to `columns` when it is a terminal.
    public init(_ base: any OutputSink, columns: TerminalColumns) {
        self.base = base
        self.columns = columns
    }

    public var isTerminal: Bool { base.isTerminal }

    public func write(_ text: String) throws {
        let width = columns.current
        guard base.isTerminal, text.hasSuffix("\n"), !text.contains("\r"),
            text.split(separator: "\n").contains(where: { TerminalWidth.visibleCells(String($0)) > width })
        else { return try base.write(text) }
        let wrapped = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map { line in
            TerminalWidth.visibleCells(String(line)) > width ? WordWrap.text(String(line), width: width) : String(line)
        }
        try base.write(wrapped.joined(separator: "\n") + "\n")
    }
}
