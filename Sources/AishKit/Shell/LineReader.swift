/// What the line editor handed back for one prompt.
public enum LineInput: Sendable, Equatable {
    /// A line the user entered (without its newline).
    case line(String)
    /// Ctrl-C at the prompt: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of a piped input.
    case endOfInput
}

/// The interactive input of the shell: libedit on a terminal, a script in tests.
public protocol LineReader: Sendable {
    /// Shows `prompt` and waits for the user's line.
    func readLine(prompt: String) async -> LineInput
    /// Records `line` in the history (the reader decides what is worth keeping).
    func remember(_ line: String)
    /// What Tab should complete from now on.
    func useCompleter(_ completer: ShellCompleter)
}

extension LineReader {
    /// Readers without completion ignore it.
    public func useCompleter(_ completer: ShellCompleter) {}
}

/// A line reader that plays back a fixed list of inputs, for tests.
public final class ScriptedLineReader: LineReader {
    private let inputs: LockedBox<[LineInput]>
    private let remembered = LockedBox<[String]>([])

    /// Plays `inputs` in order, then reports the end of input.
    public init(_ inputs: [LineInput]) { self.inputs = LockedBox(inputs) }

    public func readLine(prompt: String) async -> LineInput {
        inputs.withLock { $0.isEmpty ? .endOfInput : $0.removeFirst() }
    }

    public func remember(_ line: String) { remembered.withLock { $0.append(line) } }

    /// The lines handed to ``remember(_:)`` so far.
    public var history: [String] { remembered.withLock { $0 } }
}
