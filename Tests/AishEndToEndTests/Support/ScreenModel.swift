import AishKit

/// Just enough of a VT100 to read what a terminal would show: printable text (CJK
/// and emoji in two cells, combining marks in none), CR, LF, BS, TAB, auto-wrap,
/// and the CSI cursor and erase sequences libedit and aish use. Colours and modes
/// are ignored. Lines that scroll away are kept. A resize changes the width for
/// what follows and leaves the lines already drawn as they are (as xterm does).
struct ScreenModel {
    /// The cell right of a two-cell character; not part of ``text``.
    private static let secondHalf: Character = "\u{0}"

    private var lines: [[Character]] = [[]]
    private var row = 0
    private var column = 0
    private var top = 0
    private(set) var columns: Int
    let rows: Int

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// What is on screen (and above it), one line per row, trailing blanks dropped.
    var text: String {
        lines.map { line in
            String(line[..<(line.lastIndex { $0 != " " }.map { $0 + 1 } ?? 0)].filter { $0 != Self.secondHalf })
        }
        .joined(separator: "\n")
    }

    /// The terminal is now `columns` wide.
    mutating func resize(columns: Int) {
        self.columns = columns
        column = min(column, columns)
    }

    mutating func feed(_ text: String) {
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\r": column = 0
            case "\n": moveDown(1)
            case "\u{08}": column = max(0, column - 1)
            case "\t": column = min(columns - 1, (column / 8 + 1) * 8)
            case "\u{07}", "\0": break
            case "\u{1B}": escape(&scalars)
            default: put(scalar)
            }
        }
    }

    private mutating func escape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let kind = scalars.next() else { return }
        if kind == "]" {
            while let next = scalars.next(), next != "\u{07}" {}
            return
        }
        guard kind == "[" else { return }
        var parameters = ""
        var final: Unicode.Scalar = "m"
        while let next = scalars.next() {
            if (0x40...0x7E).contains(next.value) {
                final = next
                break
            }
            parameters.unicodeScalars.append(next)
        }
        let numbers = parameters.split(separator: ";").map { Int($0.filter(\.isNumber)) ?? 0 }
        let n = max(1, numbers.first ?? 1)
        switch final {
        case "A": row = max(top, row - n)
        case "B": moveDown(n)
        case "C": column = min(columns - 1, column + n)
        case "D": column = max(0, column - n)
        case "G": column = min(columns - 1, n - 1)
        case "K":
            let mode = numbers.first ?? 0
            if mode == 0, column < lines[row].count { lines[row].removeSubrange(column...) }
            if mode == 2 { lines[row] = [] }
        case "H", "f":
            row = top + max(1, numbers.first ?? 1) - 1
            column = max(1, numbers.count > 1 ? numbers[1] : 1) - 1
            while lines.count <= row { lines.append([]) }
        case "J":
            if numbers.first ?? 0 == 0 {
                // Erase below: the rest of this row and every row under it.
                if column < lines[row].count { lines[row].removeSubrange(column...) }
                if row + 1 < lines.count { lines.removeSubrange((row + 1)...) }
            } else if numbers.first == 2 || numbers.first == 3 {
                top = lines.count
                lines.append([])
                row = top
                column = 0
            }
        default: break
        }
    }

    private mutating func put(_ scalar: Unicode.Scalar) {
        let cells = TerminalWidth.cells(scalar)
        if cells == 0 {
            // A combining mark joins the character before it.
            let previous = column - 1
            if previous >= 0, previous < lines[row].count {
                lines[row][previous] = Character(String(lines[row][previous]) + String(scalar))
            }
            return
        }
        if column + cells > columns {
            moveDown(1)
            column = 0
        }
        for (offset, character) in [Character(scalar), Self.secondHalf].prefix(cells).enumerated() {
            while lines[row].count < column + offset { lines[row].append(" ") }
            if column + offset < lines[row].count {
                lines[row][column + offset] = character
            } else {
                lines[row].append(character)
            }
        }
        column += cells
    }

    private mutating func moveDown(_ count: Int) {
        row += count
        while lines.count <= row { lines.append([]) }
        top = max(top, row - rows + 1)
    }
}
