/// An opening code fence: its character, length and indentation.
struct Fence: Sendable, Equatable {
    var marker: Unicode.Scalar
    var length: Int
    var indent: Int
}

/// What a line is, decided from its first few characters (its "head").
enum LineKind: Sendable, Equatable {
    /// Not yet known: more of the line is needed.
    case undecided
    /// Only spaces (and quote markers).
    case blank(quotes: Int)
    /// `#` to `######`; the text starts at `content`.
    case heading(level: Int, quotes: Int, content: Int)
    /// `-`, `*` or `+` and a space.
    case bullet(indent: Int, quotes: Int, content: Int)
    /// A bullet whose text starts with `[ ] ` or `[x] `: a task, done or not.
    case task(done: Bool, indent: Int, quotes: Int, content: Int)
    /// `12.` or `12)` and a space; `marker` is as written.
    case ordered(marker: String, indent: Int, quotes: Int, content: Int)
    /// `---`, `***` or `___` alone on the line.
    case rule(quotes: Int)
    /// A fence that opens a code block, with its info string's first word.
    case fenceOpen(Fence, language: String)
    /// Text; `wraps` is false for lines that must keep their shape.
    case paragraph(indent: Int, quotes: Int, content: Int, wraps: Bool)
    /// A line starting with `|`: a row of a table, perhaps (``MarkdownTable`` decides
    /// once the block ends); `content` is where the `|` is.
    case tableRow(quotes: Int, content: Int)
    /// Inside a code block: the closing fence.
    case fenceClose
    /// Inside a code block: a line of code (the whole head).
    case code
}

/// Classifies a line from its head; pure, so every split of the input gives the
/// same answer.
enum LineHead {
    /// Heads longer than this are decided as they stand (a very long `-----` line).
    static let longest = 256

    /// The kind of the line that starts with `head`; `complete` says the line ended
    /// there. Inside a code block pass its opening `fence`.
    static func classify(_ head: [Unicode.Scalar], complete: Bool, inside fence: Fence?) -> LineKind {
        let complete = complete || head.count >= longest
        if let fence { return classifyCode(head, complete: complete, fence: fence) }
        var index = 0
        var quotes = 0
        var indent = 0
        while true {
            indent = 0
            while index < head.count && head[index] == " " {
                index += 1
                indent += 1
            }
            guard index < head.count else { return complete ? .blank(quotes: quotes) : .undecided }
            guard head[index] == ">" else { break }
            quotes += 1
            index += 1
            if index == head.count && !complete { return .undecided }
            if index < head.count && head[index] == " " { index += 1 }
        }
        let paragraph = LineKind.paragraph(indent: indent, quotes: quotes, content: index, wraps: true)
        let marker = head[index]
        let run = runLength(of: marker, in: head, from: index)
        let after = index + run
        switch marker {
        case "#":
            guard run <= 6 else { return paragraph }
            if after == head.count {
                return complete ? .heading(level: run, quotes: quotes, content: after) : .undecided
            }
            return head[after] == " " ? .heading(level: run, quotes: quotes, content: after + 1) : paragraph
        case "`", "~":
            guard run >= 3 else { return after == head.count && !complete ? .undecided : paragraph }
            guard complete else { return .undecided }
            let info = head[after...]
            if quotes > 0 || (marker == "`" && info.contains("`")) { return paragraph }
            let language = String(String.UnicodeScalarView(info)).split(separator: " ").first.map(String.init) ?? ""
            return .fenceOpen(Fence(marker: marker, length: run, indent: indent), language: language)
        case "-", "*", "+", "_":
            if marker != "_" && run == 1 && after < head.count && head[after] == " " {
                return taskOrBullet(head, from: after + 1, complete: complete, indent: indent, quotes: quotes)
            }
            guard marker != "+" else { return after == head.count && !complete ? .undecided : paragraph }
            // Only this marker and spaces so far: a rule if it ends that way.
            var count = 0
            for scalar in head[index...] {
                if scalar == marker {
                    count += 1
                } else if scalar != " " {
                    return paragraph
                }
            }
            guard complete else { return .undecided }
            return count >= 3 ? .rule(quotes: quotes) : paragraph
        case "0"..."9":
            var end = index
            while end < head.count && end - index < 9 && ("0"..."9").contains(head[end]) { end += 1 }
            guard end < head.count else { return complete ? paragraph : .undecided }
            guard head[end] == "." || head[end] == ")" else { return paragraph }
            guard end + 1 < head.count else { return complete ? paragraph : .undecided }
            guard head[end + 1] == " " else { return paragraph }
            let number = String(String.UnicodeScalarView(head[index...end]))
            return .ordered(marker: number, indent: indent, quotes: quotes, content: end + 2)
        case "|":
            return .tableRow(quotes: quotes, content: index)
        default:
            return paragraph
        }
    }

    /// A bullet item, or a task when its text starts with `[ ] ` or `[x] ` (held
    /// undecided while the head could still become one).
    private static func taskOrBullet(
        _ head: [Unicode.Scalar], from start: Int, complete: Bool, indent: Int, quotes: Int
    ) -> LineKind {
        let bullet = LineKind.bullet(indent: indent, quotes: quotes, content: start)
        let rest = head[start...]
        for box: [Unicode.Scalar] in [["[", " ", "]", " "], ["[", "x", "]", " "], ["[", "X", "]", " "]] {
            if rest.starts(with: box) {
                return .task(done: box[1] != " ", indent: indent, quotes: quotes, content: start + box.count)
            }
            if !complete && rest.count < box.count && box.starts(with: rest) { return .undecided }
        }
        return bullet
    }

    private static func classifyCode(_ head: [Unicode.Scalar], complete: Bool, fence: Fence) -> LineKind {
        var index = 0
        while index < head.count && head[index] == " " { index += 1 }
        guard index < head.count else { return complete ? .code : .undecided }
        guard head[index] == fence.marker else { return .code }
        let run = runLength(of: fence.marker, in: head, from: index)
        for scalar in head[(index + run)...] where scalar != " " { return .code }
        guard complete else { return .undecided }
        return run >= fence.length ? .fenceClose : .code
    }

    private static func runLength(of marker: Unicode.Scalar, in head: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        while end < head.count && head[end] == marker { end += 1 }
        return end - start
    }
}
