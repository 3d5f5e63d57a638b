/// How a reasoning model's thinking (``ChatEvent/reasoning(_:)``) is shown on a
/// terminal while it streams, before the answer (see ``ThinkingTranscript``).
public struct ThinkingDisplay: Sendable {
    /// Whether the thinking is dimmed (not with `NO_COLOR`).
    public var dims: Bool
    /// The terminal's width, to wrap the thinking at words; nil leaves it to the terminal.
    public var columns: TerminalColumns?

    /// Thinking dimmed when `dims`, wrapped to `columns`.
    public init(dims: Bool, columns: TerminalColumns? = nil) {
        self.dims = dims
        self.columns = columns
    }
}

/// What the terminal shows of a reasoning model's thinking, as it streams: a
/// `Thinking…` line, the text wrapped at words without its leading and trailing
/// blank lines, then `…done thinking.` and a blank line when the answer begins (or
/// the reply ends), so that the answer starts at the left margin. Thinking that comes
/// after the answer has begun is not shown. It does no I/O: each call returns what
/// to write, and a word is written once the blank after it has come.
struct ThinkingTranscript {
    let display: ThinkingDisplay?
    /// Whether the `Thinking…` line is out and the closing line is not.
    private(set) var isOpen = false
    private var isClosed = false
    /// The word being received, and the blanks before it.
    private var word = ""
    private var spaces = 0
    private var newlines = 0
    /// Cells written on the current row.
    private var column = 0

    /// A transcript shown as `display` says; nil shows nothing.
    init(_ display: ThinkingDisplay?) {
        self.display = display
    }

    /// What to write for `piece` of the thinking ("" when nothing shows yet).
    mutating func feed(_ piece: String) -> String {
        guard display != nil, !isClosed else { return "" }
        var lead = ""
        var text = ""
        for character in piece {
            if character.isNewline {
                flushWord(into: &text)
                newlines += 1
                spaces = 0
            } else if character.isWhitespace {
                flushWord(into: &text)
                spaces += 1
            } else {
                if !isOpen {
                    isOpen = true
                    lead = styled("Thinking…") + "\n"
                    (spaces, newlines) = (0, 0)
                }
                word.append(character)
            }
        }
        return lead + styled(text)
    }

    /// What to write when the answer begins or the reply ends: the last word and the
    /// closing line, if the thinking showed. Later thinking is not shown.
    mutating func close() -> String {
        defer {
            isClosed = true
            isOpen = false
        }
        guard isOpen else { return "" }
        var text = ""
        flushWord(into: &text)
        return styled(text) + "\n" + styled("…done thinking.") + "\n\n"
    }

    /// Writes the word received so far after its blanks: a line break when it would
    /// pass the terminal's edge; at most one blank line in a row.
    private mutating func flushWord(into text: inout String) {
        guard !word.isEmpty else { return }
        if newlines > 0 {
            text += newlines > 1 ? "\n\n" : "\n"
            (column, spaces, newlines) = (0, 0, 0)
        }
        let cells = TerminalWidth.visibleCells(word)
        if let width = display?.columns?.current, column > 0, column + spaces + cells > width {
            text += "\n"
            column = 0
        } else {
            text += String(repeating: " ", count: spaces)
            column += spaces
        }
        text += word
        column += cells
        (word, spaces) = ("", 0)
    }

    private func styled(_ text: String) -> String {
        guard !text.isEmpty, display?.dims == true else { return text }
        return "\u{1B}[2m\(text)\u{1B}[0m"
    }
}
