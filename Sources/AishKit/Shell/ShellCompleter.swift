/// What Tab completes at the shell's prompt: slash commands at the start of a line,
/// specialist names after `/use `, specialist and capability names after `@`, and
/// capability names after `/use @`.
public struct ShellCompleter: Sendable {
    /// The names to offer for specialists (bare names, as users type them).
    public var specialists: [String]
    /// The capabilities to offer after `@` (from discovery).
    public var capabilities: [String]

    /// A completer offering `specialists` and `capabilities`.
    public init(specialists: [String], capabilities: [String] = []) {
        self.specialists = specialists
        self.capabilities = capabilities
    }

    /// A completion: replace the last `wordLength` characters before the cursor with
    /// one of `candidates`.
    public struct Completion: Sendable, Equatable {
        public var wordLength: Int
        public var candidates: [String]
    }

    /// The completions for `line`, the text before the cursor.
    public func complete(_ line: String) -> Completion {
        if line.hasPrefix("/"), !line.contains(" ") {
            let word = String(line.dropFirst())
            return Completion(wordLength: word.count, candidates: matches(word, in: ShellCommand.completions))
        }
        if line.hasPrefix("/use @"), !line.dropFirst(6).contains(" ") {
            let word = String(line.dropFirst(6))
            return Completion(wordLength: word.count, candidates: matches(word, in: capabilities))
        }
        if line.hasPrefix("/use "), !line.dropFirst(5).contains(" ") {
            let word = String(line.dropFirst(5))
            return Completion(wordLength: word.count, candidates: matches(word, in: specialists))
        }
        if line.hasPrefix("@"), !line.contains(" ") {
            let word = String(line.dropFirst())
            return Completion(wordLength: word.count, candidates: matches(word, in: specialists + capabilities))
        }
        return Completion(wordLength: 0, candidates: [])
    }

    private func matches(_ word: String, in names: [String]) -> [String] {
        let lowered = word.lowercased()
        return Array(Set(names.filter { $0.lowercased().hasPrefix(lowered) })).sorted()
    }

    /// The longest prefix all `candidates` share (what a first Tab inserts).
    public static func commonPrefix(_ candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            while !candidate.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
