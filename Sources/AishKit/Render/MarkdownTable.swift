/// A GitHub-flavoured Markdown table laid out for a terminal: columns aligned by
/// display width (CJK and emoji take two cells, combining marks none), the
/// delimiter row's alignments kept, inline styles inside cells, and the whole table
/// fitted to the width by wrapping inside cells at word boundaries, so no row is
/// ever broken across the screen. A word wider than its whole column is the only
/// thing split. Pure: lines in, rows of terminal text out.
struct MarkdownTable {
    enum Alignment: Equatable {
        case left, center, right
    }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]

    /// The table in `lines` (each a whole line, from its first `|`), or nil when they
    /// are not one: the second line must be a delimiter row (`|---|:---:|`).
    init?(lines: [String]) {
        guard lines.count >= 2, let header = Self.cells(lines[0]).nonEmpty,
            let alignments = Self.alignments(lines[1]), alignments.count == header.count
        else { return nil }
        self.header = header
        self.alignments = alignments
        rows = lines.dropFirst(2).map { line in
            let cells = Self.cells(line)
            return Array((cells + Array(repeating: "", count: max(0, header.count - cells.count))).prefix(header.count))
        }
    }

    /// A row's cells: split at each `|` not escaped by `\` or inside a code span,
    /// without the outer pipes, each trimmed.
    static func cells(_ line: String) -> [String] {
        var cells: [String.UnicodeScalarView] = []
        var current = String.UnicodeScalarView()
        var escaped = false
        var inCode = false
        for scalar in trimmed(line.unicodeScalars).unicodeScalars {
            if escaped {
                if scalar != "|" { current.append("\\") }
                current.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "`" {
                inCode.toggle()
                current.append(scalar)
            } else if scalar == "|" && !inCode {
                cells.append(current)
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if escaped { current.append("\\") }
        cells.append(current)
        let isBlank = { (cell: String.UnicodeScalarView) in cell.allSatisfy(Self.isBlank) }
        if let first = cells.first, isBlank(first) { cells.removeFirst() }
        if cells.count > 1, let last = cells.last, isBlank(last) { cells.removeLast() }
        return cells.map { trimmed($0) }
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    /// `text` without the spaces and tabs around it.
    private static func trimmed<Scalars: BidirectionalCollection<Unicode.Scalar>>(_ scalars: Scalars) -> String {
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[first...last])
        return String(text)
    }

    /// The alignments of a delimiter row (`---`, `:--`, `--:`, `:-:` per cell), or
    /// nil when `line` is not one.
    static func alignments(_ line: String) -> [Alignment]? {
        var result: [Alignment] = []
        for cell in cells(line) {
            let left = cell.hasPrefix(":")
            let right = cell.hasSuffix(":") && cell.count > 1
            let dashes = cell.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : right ? .right : .left)
        }
        return result.isEmpty ? nil : result
    }

    /// The table's rows for a screen `width` cells wide, `prefix` (a quote gutter,
    /// `prefixWidth` cells) in front of each; no newlines.
    func render(width: Int, theme: Theme, prefix: String = "", prefixWidth: Int = 0) -> [String] {
        let count = header.count
        let all = [header] + rows
        // Each column's natural width (its widest cell on one line) and its least
        // (its longest word), from the cells laid out without a limit.
        var natural = Array(repeating: 1, count: count)
        var least = Array(repeating: 1, count: count)
        for row in all {
            for (column, cell) in row.enumerated() {
                let line = Self.layout(cell, width: Int.max / 4, header: false, theme: .plain).first ?? ""
                natural[column] = max(natural[column], TerminalWidth.cells(line))
                let words = line.split(separator: " ").map { TerminalWidth.cells($0) }
                least[column] = max(least[column], words.max() ?? 1)
            }
        }
        let available = max(count, width - prefixWidth - (3 * count + 1))
        var widths = natural
        // Narrow the widest column that can still give, a cell at a time: first down
        // to each column's longest word, then (a table that cannot fit otherwise) below it.
        for floor in [least, Array(repeating: 1, count: count)] {
            while widths.reduce(0, +) > available {
                let candidates = widths.indices.filter { widths[$0] > floor[$0] }
                guard let widest = candidates.max(by: { widths[$0] < widths[$1] }) else { break }
                widths[widest] -= 1
            }
        }
        let border = { (left: String, middle: String, right: String) -> String in
            prefix
                + theme.paint(
                    left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right,
                    theme.rule)
        }
        let bar = theme.paint("│", theme.rule)
        var lines = [border("┌", "┬", "┐")]
        for (index, row) in all.enumerated() {
            let laidOut = row.enumerated().map { column, cell in
                Self.layout(cell, width: widths[column], header: index == 0, theme: theme)
            }
            let height = laidOut.map(\.count).max() ?? 1
            for rowLine in 0..<height {
                var line = prefix + bar
                for column in 0..<count {
                    let text = rowLine < laidOut[column].count ? laidOut[column][rowLine] : ""
                    line += " " + Self.pad(text, to: widths[column], alignments[column]) + " " + bar
                }
                lines.append(line)
            }
            if index == 0 { lines.append(border("├", "┼", "┤")) }
        }
        lines.append(border("└", "┴", "┘"))
        return lines
    }

    /// One cell's text, styled and wrapped at words to `width` cells: its lines.
    private static func layout(_ cell: String, width: Int, header: Bool, theme: Theme) -> [String] {
        var writer = RowWriter(width: width, theme: theme)
        var styler = InlineStyler()
        writer.begin(
            prefix: "", prefixWidth: 0, continuation: "", continuationWidth: 0,
            tone: header ? .minorHeading : .plain, wraps: true)
        for scalar in cell.unicodeScalars where !TerminalText.isControl(scalar) { styler.take(scalar, &writer) }
        styler.endLine(&writer)
        writer.close()
        let text = String(decoding: writer.out, as: UTF8.self)
        return text.isEmpty ? [""] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// `text` (with its escape sequences) padded with spaces to `width` visible cells.
    private static func pad(_ text: String, to width: Int, _ alignment: Alignment) -> String {
        let gap = max(0, width - TerminalWidth.visibleCells(text))
        switch alignment {
        case .left: return text + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + text
        case .center:
            return String(repeating: " ", count: gap / 2) + text + String(repeating: " ", count: gap - gap / 2)
        }
    }

}

extension Array {
    /// The array, or nil when it is empty.
    fileprivate var nonEmpty: Self? { isEmpty ? nil : self }
}
