/// Joins the lines of a multi-line message: a block between two `"""` lines, or
/// lines continued with a trailing backslash.
public struct MultilineInput: Sendable, Equatable {
    private var lines: [String] = []
    private var inBlock = false

    /// Nothing collected yet.
    public init() {}

    /// The result of one more line.
    public enum Step: Sendable, Equatable {
        /// A whole input is ready.
        case complete(String)
        /// More lines are needed; show the continuation prompt.
        case needsMore
    }

    /// Whether a message is being collected (the prompt should say so).
    public var isCollecting: Bool { inBlock || !lines.isEmpty }

    /// Takes one line from the editor.
    public mutating func add(_ line: String) -> Step {
        if inBlock {
            if line.trimmingWhitespace() == "\"\"\"" { return finish() }
            lines.append(line)
            return .needsMore
        }
        if lines.isEmpty, line.trimmingWhitespace().hasPrefix("\"\"\"") {
            inBlock = true
            let rest = String(line.trimmingWhitespace().dropFirst(3))
            if rest.hasSuffix("\"\"\""), rest.count >= 3 {
                lines.append(String(rest.dropLast(3)))
                return finish()
            }
            if !rest.isEmpty { lines.append(rest) }
            return .needsMore
        }
        if line.hasSuffix("\\"), !line.hasSuffix("\\\\") {
            lines.append(String(line.dropLast()))
            return .needsMore
        }
        lines.append(line)
        return finish()
    }

    /// Drops a half-collected message (Ctrl-C).
    public mutating func reset() {
        lines = []
        inBlock = false
    }

    private mutating func finish() -> Step {
        defer { reset() }
        return .complete(lines.joined(separator: "\n"))
    }
}
