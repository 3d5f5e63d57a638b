/// Lays out one logical line of prose in terminal rows no wider than `width`,
/// writing as characters arrive.
///
/// Words are never split: spaces are held until the next word starts, and a word
/// that outgrows its row moves whole to the next one. If part of it has already
/// reached the terminal, only the current row is redrawn (`\r`, erase line, the row
/// without the word). A word wider than a whole row is broken at the row's end.
/// Nothing is written past the last column, so the terminal never wraps on its own
/// and `\r` always reaches the start of the row being drawn. Rows after the first
/// begin with `continuation` (a quote gutter, a list item's hanging indent).
struct RowWriter {
    /// The row width in cells.
    var width: Int
    /// Whether to wrap (table rows are written as they come).
    var wraps = true
    /// The block's tone, under the inline style.
    var tone = Tone.plain
    /// The inline style of the next character.
    var inline: TextStyle = []
    /// Bytes for the terminal, in order; ``flush()`` adds the row's unwritten part.
    var out: [UInt8] = []

    private let theme: Theme
    /// The current row: prefix, escape sequences and text.
    private var row: [UInt8] = []
    /// How much of `row` is already in `out`.
    private var emitted = 0
    private var rowWidth = 0
    private var rowHasText = false
    /// The column where text starts on the current row (after its prefix).
    private var textStartColumn = 0
    private var continuation: [UInt8] = []
    private var continuationWidth = 0
    private var applied = StyleKey.plain
    private var pendingSpaces = 0
    /// Where the text before the current word's spaces ends, in `row`, and the
    /// style in force there.
    private var contentEnd = 0
    private var contentStyle = StyleKey.plain
    /// Where the current word starts in `row`, its column, and the style in force there.
    private var wordStart = 0
    private var wordColumn = 0
    private var wordStyle = StyleKey.plain
    private var previousWasWide = false
    /// A sequence waiting for the next visible character (``putSequence(_:beforeNext:)``).
    private var pendingSequence: [UInt8] = []
    /// Escape sequences per style, made when first needed (the table too: a table
    /// lays out each cell with a writer of its own, most of them never styled).
    private var sequences: [[UInt8]?] = []

    init(width: Int, theme: Theme) {
        self.width = width
        self.theme = theme
    }

    /// Starts a line: `prefix` (its cells given) begins it, `continuation` its later
    /// rows. Both must leave no attribute on.
    mutating func begin(
        prefix: String, prefixWidth: Int, continuation: String, continuationWidth: Int, tone: Tone, wraps: Bool
    ) {
        flush()
        row.removeAll(keepingCapacity: true)
        row.append(contentsOf: prefix.utf8)
        emitted = 0
        rowWidth = prefixWidth
        textStartColumn = prefixWidth
        rowHasText = false
        self.continuation = Array(continuation.utf8)
        self.continuationWidth = continuationWidth
        self.tone = tone
        self.wraps = wraps
        inline = []
        applied = .plain
        pendingSpaces = 0
        contentEnd = row.count
        contentStyle = .plain
        wordStart = row.count
        wordColumn = rowWidth
        previousWasWide = false
    }

    /// Whether links become OSC 8 hyperlinks (``Theme/hyperlinks``).
    var hyperlinks: Bool { theme.hyperlinks }

    /// Puts an escape sequence that takes no cell (an OSC 8 hyperlink's start or
    /// end) into the row, where it moves with the word it is in. With `beforeNext`
    /// it goes right before the next visible character (after the spaces and any
    /// row break in front of it), so a hyperlink starts where its text does.
    mutating func putSequence(_ sequence: String, beforeNext: Bool = false) {
        if beforeNext {
            pendingSequence.append(contentsOf: sequence.utf8)
        } else {
            row.append(contentsOf: sequence.utf8)
        }
    }

    /// Writes `text` as it is, outside the row layout (rules, code).
    mutating func write(_ text: String) {
        flush()
        out.append(contentsOf: text.utf8)
    }

    /// Moves the row's bytes not yet written into `out`.
    mutating func flush() {
        guard emitted < row.count else { return }
        out.append(contentsOf: row[emitted...])
        emitted = row.count
    }

    /// Lays out one visible character in the current style.
    mutating func put(_ scalar: Unicode.Scalar) {
        if scalar == " " {
            if pendingSpaces == 0 { markContentEnd() }
            applyStyle()  // a space takes the style it arrives in
            pendingSpaces += 1
            previousWasWide = false
            if !wraps { flushSpaces() }
            return
        }
        let value = scalar.value
        let cells = value < 0x7F && value >= 0x20 ? 1 : TerminalWidth.cells(scalar)
        if wraps && cells > 0 {
            // A word starts after spaces, at a row's start, and around wide (CJK)
            // characters, which break anywhere but before closing punctuation.
            if pendingSpaces > 0 || !rowHasText
                || ((cells == 2 || previousWasWide) && !Self.staysWithPrevious(scalar))
            {
                if pendingSpaces == 0 { markContentEnd() }
                if rowHasText && rowWidth + pendingSpaces + cells > width {
                    newRow()
                } else {
                    flushSpaces()
                }
                wordStart = row.count
                wordColumn = rowWidth
                wordStyle = applied
            } else if rowWidth + cells > width {
                if wordColumn > textStartColumn { moveWordDown() }
                if rowWidth + cells > width {
                    newRow()
                    wordStart = row.count
                    wordColumn = rowWidth
                    wordStyle = applied
                }
            }
        } else {
            flushSpaces()
        }
        applyStyle()
        if !pendingSequence.isEmpty {
            row.append(contentsOf: pendingSequence)
            pendingSequence.removeAll(keepingCapacity: true)
        }
        if value < 0x80 {
            row.append(UInt8(truncatingIfNeeded: value))
        } else {
            row.append(contentsOf: scalar.utf8)
        }
        rowWidth += cells
        if cells > 0 { rowHasText = true }
        previousWasWide = cells == 2
    }

    /// Ends the line: trailing spaces are dropped, attributes turned off, then `\n`.
    mutating func end() {
        close()
        out.append(0x0A)
    }

    /// Ends the reply in the middle of this line: attributes off, no newline.
    mutating func close() {
        pendingSequence.removeAll(keepingCapacity: true)
        flush()
        pendingSpaces = 0
        if applied != .plain { out.append(contentsOf: theme.resetSequence.utf8) }
        applied = .plain
        row.removeAll(keepingCapacity: true)
        emitted = 0
    }

    private mutating func markContentEnd() {
        contentEnd = row.count
        contentStyle = applied
    }

    /// Punctuation that must not begin a row after CJK text (kinsoku).
    private static func staysWithPrevious(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "、", "。", "，", "．", "！", "？", "：", "；",
            "）", "」", "』", "】", "〉", "》", "〕", "｝", "ー", "…":
            return true
        default:
            return false
        }
    }

    private mutating func flushSpaces() {
        guard pendingSpaces > 0 else { return }
        row.append(contentsOf: repeatElement(0x20, count: pendingSpaces))
        rowWidth += pendingSpaces
        pendingSpaces = 0
    }

    private mutating func applyStyle() {
        let wanted = StyleKey(tone: tone, inline: inline)
        guard wanted != applied else { return }
        row.append(contentsOf: sequence(for: wanted))
        applied = wanted
    }

    private mutating func sequence(for style: StyleKey) -> [UInt8] {
        let index = Int(style.tone.rawValue) * 64 + Int(style.inline.rawValue & 63)
        if sequences.isEmpty { sequences = Array(repeating: nil, count: 8 * 64) }
        if let known = sequences[index] { return known }
        let made = Array(theme.sequence(for: style).utf8)
        sequences[index] = made
        return made
    }

    /// Ends the row here (dropping pending spaces) and starts the next with the
    /// continuation prefix.
    private mutating func newRow() {
        flush()
        if applied != .plain { out.append(contentsOf: theme.resetSequence.utf8) }
        out.append(0x0A)
        row.removeAll(keepingCapacity: true)
        row.append(contentsOf: continuation)
        emitted = 0
        rowWidth = continuationWidth
        textStartColumn = continuationWidth
        applied = .plain
        pendingSpaces = 0
        rowHasText = false
    }

    /// Ends the row before the current word and starts the next row with it. Only
    /// when part of the word already reached the terminal is the row redrawn.
    private mutating func moveWordDown() {
        let word = Array(row[wordStart...])
        let wordCells = rowWidth - wordColumn
        if emitted > contentEnd {
            out.append(contentsOf: "\r\u{1B}[K".utf8)
            out.append(contentsOf: row[..<contentEnd])
        } else {
            out.append(contentsOf: row[emitted..<contentEnd])
        }
        if contentStyle != .plain { out.append(contentsOf: theme.resetSequence.utf8) }
        out.append(0x0A)
        row.removeAll(keepingCapacity: true)
        row.append(contentsOf: continuation)
        if wordStyle != .plain { row.append(contentsOf: sequence(for: wordStyle)) }
        wordStart = row.count
        row.append(contentsOf: word)
        emitted = 0
        rowWidth = continuationWidth + wordCells
        textStartColumn = continuationWidth
        wordColumn = continuationWidth
    }
}
