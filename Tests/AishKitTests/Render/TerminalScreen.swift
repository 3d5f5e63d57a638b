import AishKit
import Testing

/// A tiny terminal for renderer tests: it understands printable text (with cell
/// widths), `\r`, `\n` (as a terminal with `onlcr` does: next row, first column),
/// erase-to-end-of-line (`ESC [ K`) and ignores SGR (`ESC [ … m`). It wraps on its
/// own at `width` like a real terminal, and notes it, since the renderer should
/// never let that happen to prose.
struct TerminalScreen {
    let width: Int
    /// Cells per row; "" is the right half of a wide character.
    private var rows: [[String]] = [[]]
    private var row = 0
    private var column = 0
    private var pendingWrap = false
    /// Whether a row filled up and the terminal wrapped on its own.
    private(set) var autowrapped = false
    /// Escape sequences other than SGR and erase-line.
    private(set) var unexpected: [String] = []

    init(width: Int) { self.width = width }

    /// Interprets `text` as a terminal would.
    mutating func write(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\u{1B}":
                var sequence = "ESC"
                if scalars.first == "]" {
                    // An OSC (a hyperlink): nothing shows; it ends with BEL.
                    while let next = scalars.popFirst(), next != "\u{07}" {}
                    continue
                }
                guard scalars.first == "[" else {
                    unexpected.append(sequence)
                    continue
                }
                scalars.removeFirst()
                sequence += "["
                while let next = scalars.popFirst() {
                    sequence.unicodeScalars.append(next)
                    if (0x40...0x7E).contains(next.value) { break }
                }
                if sequence.hasSuffix("m") { continue }
                if sequence == "ESC[K" {
                    eraseToEnd()
                } else {
                    unexpected.append(sequence)
                }
            case "\r":
                column = 0
                pendingWrap = false
            case "\n":
                newRow()
            default:
                put(scalar)
            }
        }
    }

    /// The visible text, one line per row, trailing spaces dropped.
    var lines: [String] {
        rows.map { cells in
            var line = cells.joined()
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The visible text, rows joined with newlines.
    var text: String { lines.joined(separator: "\n") }

    private mutating func newRow() {
        row += 1
        column = 0
        pendingWrap = false
        if row == rows.count { rows.append([]) }
    }

    private mutating func eraseToEnd() {
        if rows[row].count > column { rows[row].removeSubrange(column...) }
    }

    private mutating func put(_ scalar: Unicode.Scalar) {
        let cells = TerminalWidth.cells(scalar)
        if cells == 0 {
            if column > 0, rows[row].count >= column {
                rows[row][column - 1].unicodeScalars.append(scalar)
            }
            return
        }
        if pendingWrap || column + cells > width {
            autowrapped = true
            newRow()
        }
        while rows[row].count < column + cells { rows[row].append(" ") }
        rows[row][column] = String(Character(scalar))
        if cells == 2 { rows[row][column + 1] = "" }
        column += cells
        if column == width { pendingWrap = true }
    }
}

/// Renders `chunks` with a fresh renderer of `width` and returns every byte written.
func renderMarkdown(_ chunks: [String], width: Int = 80) -> String {
    var renderer = MarkdownStreamRenderer(width: width)
    var output = ""
    for chunk in chunks { output += renderer.feed(chunk) }
    return output + renderer.finish()
}

/// Renders `markdown` in one chunk.
func renderMarkdown(_ markdown: String, width: Int = 80) -> String {
    renderMarkdown([markdown], width: width)
}

/// What a terminal `width` wide shows after `output`.
func screenShowing(_ output: String, width: Int = 80) -> TerminalScreen {
    var screen = TerminalScreen(width: width)
    screen.write(output)
    return screen
}
