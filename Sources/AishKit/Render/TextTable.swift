/// Plain-text tables: columns padded to their widest cell (in terminal cells),
/// two spaces apart.
enum TextTable {
    /// `rows` (the first is the header) as lines; the last column is not padded.
    /// With a `width`, a last column that would overflow it wraps at words, its
    /// later lines under its first; when that would leave it under 20 cells, it
    /// goes on lines of its own below each row, indented by 4.
    static func render(_ rows: [[String]], width: Int? = nil) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            rows.map { column < $0.count ? TerminalWidth.cells($0[column]) : 0 }.max() ?? 0
        }
        return rows.map { row in
            var start = 0
            return row.enumerated().map { column, cell in
                guard column == row.count - 1 else {
                    start += widths[column] + 2
                    return cell + String(repeating: " ", count: widths[column] - TerminalWidth.cells(cell))
                }
                guard let width, start + TerminalWidth.cells(cell) > width else { return cell }
                guard width - start < 20 else { return WordWrap.text(cell, width: width - start, indent: start) }
                let stacked = WordWrap.lines(cell, width: width - 4).map { "    " + $0 }.joined(separator: "\n")
                return "\n" + stacked
            }.joined(separator: "  ")
        }.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.reversed().drop { $0 == " " }.reversed() }.map { String($0) }
            .joined(separator: "\n") + "\n"
    }
}
