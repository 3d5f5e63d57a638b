/// The texts Rhetor's specialists answer with in the recordings.
enum RhetorReplyText {
    /// The stand-in specialists' Markdown reply (`message-empty.http`, `team-chat.http`):
    /// the first line as a title, the message quoted, its length, line count and
    /// code-point sum, a code block with non-ASCII text, and a closing line.
    static func standIn(_ specialist: Specialist, message: String) -> String {
        let lines = message.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
        let quote = lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
        let checksum = message.unicodeScalars.reduce(0) { $0 + Int($1.value) }
        return """
            ## \(specialist.name) on “\(lines.first ?? "")”

            \(quote)

            - specialist: **\(specialist.id)**
            - received: \(message.unicodeScalars.count) characters in \(lines.count) line(s)
            - checksum: `\(checksum)`

            ```python
            def answer():
                return "\(specialist.component) says hi"  # café 日本語 🚀
            ```

            That is all from *\(specialist.name)*.
            """
    }

    /// The older stand-ins' echo (`message-apollo.http`, `stream-apollo.http`).
    static func echo(_ specialist: Specialist, message: String) -> String {
        "echo from \(specialist.id): \(message)"
    }

    /// A failed model's answer, which Rhetor passes on as the reply's text.
    static func modelError(_ specialist: Specialist) -> String {
        "{'type': 'error', 'ai_id': '\(specialist.id)', 'error': 'simulated model failure'}"
    }
}
