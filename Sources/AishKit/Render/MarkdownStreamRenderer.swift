/// Renders a streamed Markdown reply for a terminal, live and without flicker.
///
/// Feed it the reply's chunks as they arrive; each ``feed(_:)`` returns the bytes
/// to write at once. Finished text is written once, styled; nothing already
/// written is redrawn except the row still growing, and that only when its last
/// word moves to the next row. Prose is wrapped at the terminal's width in cells
/// (CJK and emoji take two) without breaking words; code blocks are highlighted
/// and never wrapped. A marker split across chunks (`*` then `*bold**`) is held
/// until it is clear, so every split of the same text shows the same screen.
///
/// With `colors` off (NO_COLOR, TERM=dumb, `--raw`) the text passes through
/// unchanged, byte for byte.
///
/// ```swift
/// let columns = TerminalColumns(80)              // update it on SIGWINCH
/// var printer = ReplyPrinter(output: .standardOutput, status: .standardError)
/// printer.renderer = MarkdownStreamRenderer(columns: columns)
/// ```
public struct MarkdownStreamRenderer: ReplyRenderer {
    /// Whether Markdown is rendered with escape sequences; false passes text through.
    public let colors: Bool
    private let columns: TerminalColumns
    private let theme: Theme
    private var writer: RowWriter
    private var styler = InlineStyler()
    private var mode = Mode.lineStart
    /// The start of the current line while its kind is undecided.
    private var head: [Unicode.Scalar] = []
    private var fence: Fence?
    private var fenceRuleWidth = 0
    private var highlighter: CodeHighlighter?
    /// The lines of a table block so far, its quote depth, and the row being read.
    private var tableLines: [String] = []
    private var tableQuotes = 0
    private var tableRow = String.UnicodeScalarView()

    private enum Mode {
        /// Reading a line's head to learn its kind.
        case lineStart
        /// Laying out text with inline styles.
        case prose
        /// Writing a line of a code block.
        case code
        /// Reading a row of a table, which is laid out when its block ends.
        case table
        /// The line was written whole (a rule, a fence, a blank line).
        case written
    }

    /// A renderer that wraps to `columns`, which the caller updates on resize.
    public init(columns: TerminalColumns, colors: Bool = true, theme: Theme = .standard) {
        self.columns = columns
        self.colors = colors
        self.theme = theme
        writer = RowWriter(width: columns.current, theme: theme)
    }

    /// A renderer that wraps to a fixed `width` (until ``resize(columns:)``).
    public init(width: Int, colors: Bool = true, theme: Theme = .standard) {
        self.init(columns: TerminalColumns(width), colors: colors, theme: theme)
    }

    /// Wraps to `columns` from the next chunk on (also seen by every copy sharing
    /// this renderer's ``TerminalColumns``).
    public func resize(columns: Int) {
        self.columns.resize(columns: columns)
    }

    /// Takes the next chunk of the reply; returns what to write now.
    public mutating func feed(_ text: String) -> String {
        guard colors else { return text }
        writer.width = columns.current
        for scalar in text.unicodeScalars { step(scalar) }
        return drain()
    }

    /// Ends the reply: writes what is held back and turns styles off. Adds no
    /// newline. The renderer is then ready for another reply.
    public mutating func finish() -> String {
        guard colors else { return "" }
        // A table read across a resize is laid out at the width of its end.
        writer.width = columns.current
        if mode == .lineStart && !head.isEmpty { decide(complete: true) }
        switch mode {
        case .prose:
            styler.endLine(&writer)
            writer.close()
        case .code:
            highlighter?.endLine(into: &writer.out)
        case .table:
            tableLines.append(String(tableRow))
            writeTable(endingWithNewline: false)
        case .lineStart, .written:
            writeTable()
        }
        let text = drain()
        self = MarkdownStreamRenderer(columns: columns, colors: colors, theme: theme)
        return text
    }

    private mutating func step(_ scalar: Unicode.Scalar) {
        if TerminalText.isControl(scalar) {
            if scalar == "\n" { return endLine() }
            // Other control characters (escape sequences from the model among them)
            // would break the layout or the terminal; a tab is kept in code only.
            guard scalar == "\t" else { return }
        }
        switch mode {
        case .prose:
            styler.take(scalar == "\t" ? " " : scalar, &writer)
        case .code:
            highlighter?.take(scalar, into: &writer.out)
        case .table:
            tableRow.append(scalar)
        case .lineStart:
            head.append(scalar)
            decide(complete: false)
        case .written:
            break
        }
    }

    private mutating func endLine() {
        if mode == .lineStart { decide(complete: true) }
        switch mode {
        case .prose:
            styler.endLine(&writer)
            writer.end()
        case .code:
            highlighter?.endLine(into: &writer.out)
            writer.write("\n")
        case .table:
            tableLines.append(String(tableRow))
            tableRow.removeAll(keepingCapacity: true)
        case .lineStart, .written:
            writer.write("\n")
        }
        mode = .lineStart
    }

    /// Lays out the table block read so far, if any: a table when it is one (a
    /// delimiter row second), else its lines as they are, unwrapped, inline styles kept.
    private mutating func writeTable(endingWithNewline: Bool = true) {
        guard !tableLines.isEmpty else { return }
        let prefix = gutter(tableQuotes)
        var lines: [String] = []
        if let table = MarkdownTable(lines: tableLines) {
            lines = table.render(width: writer.width, theme: theme, prefix: prefix, prefixWidth: 2 * tableQuotes)
            writer.write(lines.joined(separator: "\n") + (endingWithNewline ? "\n" : ""))
        } else {
            for (index, line) in tableLines.enumerated() {
                writer.begin(
                    prefix: prefix, prefixWidth: 2 * tableQuotes, continuation: prefix,
                    continuationWidth: 2 * tableQuotes, tone: .plain, wraps: false)
                for scalar in line.unicodeScalars { styler.take(scalar, &writer) }
                styler.endLine(&writer)
                if endingWithNewline || index < tableLines.count - 1 { writer.end() } else { writer.close() }
            }
        }
        tableLines.removeAll()
    }

    /// Decides the current line's kind from its head, if it can yet, and starts it.
    private mutating func decide(complete: Bool) {
        let width = writer.width
        let kind = LineHead.classify(head, complete: complete, inside: fence)
        switch kind {
        case .undecided:
            return
        case .tableRow(let quotes, _) where quotes == tableQuotes || tableLines.isEmpty:
            break
        default:
            // Any other line ends the table block before it.
            writeTable()
        }
        switch kind {
        case .undecided:
            return
        case .tableRow(let quotes, let content):
            tableQuotes = quotes
            tableRow = String.UnicodeScalarView(head[content...])
            mode = .table
        case .blank(let quotes):
            writer.write(gutter(quotes, trailingSpace: false))
            mode = .written
        case .heading(let level, let quotes, let content):
            let prefix = gutter(quotes)
            startProse(prefix, 2 * quotes, prefix, 2 * quotes, tone: Tone(headingLevel: level), from: content)
        case .bullet(let indent, let quotes, let content):
            let indent = min(indent, width / 2)
            let glyph = Self.bullets[(indent / 2) % Self.bullets.count]
            let prefix = gutter(quotes) + spaces(indent) + theme.paint(glyph, theme.listMarker) + " "
            let hanging = gutter(quotes) + spaces(indent + 2)
            startProse(prefix, 2 * quotes + indent + 2, hanging, 2 * quotes + indent + 2, from: content)
        case .task(let done, let indent, let quotes, let content):
            let indent = min(indent, width / 2)
            let box = done ? theme.paint("☑", theme.taskDone) : theme.paint("☐", theme.listMarker)
            let prefix = gutter(quotes) + spaces(indent) + box + " "
            let hanging = gutter(quotes) + spaces(indent + 2)
            startProse(prefix, 2 * quotes + indent + 2, hanging, 2 * quotes + indent + 2, from: content)
        case .ordered(let marker, let indent, let quotes, let content):
            let indent = min(indent, width / 2)
            let cells = 2 * quotes + indent + marker.unicodeScalars.count + 1
            let prefix = gutter(quotes) + spaces(indent) + theme.paint(marker, theme.listMarker) + " "
            startProse(prefix, cells, gutter(quotes) + spaces(cells - 2 * quotes), cells, from: content)
        case .paragraph(let indent, let quotes, let content, let wraps):
            let indent = min(indent, width / 2)
            let prefix = gutter(quotes) + spaces(indent)
            startProse(prefix, 2 * quotes + indent, prefix, 2 * quotes + indent, wraps: wraps, from: content)
        case .rule(let quotes):
            let rule = String(repeating: "─", count: max(3, width - 2 * quotes))
            writer.write(gutter(quotes) + theme.paint(rule, theme.rule))
            mode = .written
        case .fenceOpen(let opening, let language):
            let label = language.isEmpty ? "" : " \(language) "
            let labelCells = TerminalWidth.cells(label)
            // The frame spans the width, as a rule does; code lines are never wrapped.
            fenceRuleWidth = max(labelCells + 4, width - opening.indent)
            let rule = "──" + label + String(repeating: "─", count: fenceRuleWidth - labelCells - 2)
            writer.write(spaces(opening.indent) + theme.paint(rule, theme.rule))
            fence = opening
            highlighter = CodeHighlighter(language: CodeLanguage.named(language), theme: theme)
            mode = .written
        case .fenceClose:
            let rule = String(repeating: "─", count: fenceRuleWidth)
            writer.write(spaces(fence?.indent ?? 0) + theme.paint(rule, theme.rule))
            fence = nil
            highlighter = nil
            mode = .written
        case .code:
            mode = .code
            for scalar in head { highlighter?.take(scalar, into: &writer.out) }
        }
        head.removeAll(keepingCapacity: true)
    }

    /// Bullets by nesting level (two spaces of indent per level).
    private static let bullets = ["•", "◦", "▪"]

    private mutating func startProse(
        _ prefix: String, _ prefixCells: Int, _ continuation: String, _ continuationCells: Int,
        tone: Tone = .plain, wraps: Bool = true, from content: Int
    ) {
        writer.begin(
            prefix: prefix, prefixWidth: prefixCells, continuation: continuation, continuationWidth: continuationCells,
            tone: tone, wraps: wraps)
        mode = .prose
        for scalar in head[content...] { styler.take(scalar == "\t" ? " " : scalar, &writer) }
    }

    /// One `│ ` per level of block quote.
    private func gutter(_ quotes: Int, trailingSpace: Bool = true) -> String {
        guard quotes > 0 else { return "" }
        let bars = Array(repeating: theme.paint("│", theme.quoteGutter), count: quotes)
        return bars.joined(separator: " ") + (trailingSpace ? " " : "")
    }

    private func spaces(_ count: Int) -> String {
        String(repeating: " ", count: max(0, count))
    }

    private mutating func drain() -> String {
        writer.flush()
        if writer.out.isEmpty { return "" }
        let text = String(decoding: writer.out, as: UTF8.self)
        writer.out.removeAll(keepingCapacity: true)
        return text
    }
}
