/// The conversation of one shell, in order, for `/retry` and `/save`.
public struct Transcript: Sendable, Equatable {
    /// One message of the conversation.
    public struct Turn: Sendable, Equatable {
        public enum Role: String, Sendable { case user, specialist }
        public enum Status: String, Sendable { case complete, partial, interrupted }
        public var role: Role
        /// Who was addressed, or who answered.
        public var specialist: String
        public var content: String
        public var status: Status
    }

    public private(set) var turns: [Turn] = []

    /// An empty conversation.
    public init() {}

    mutating func asked(_ specialist: String, _ message: String) {
        turns.append(Turn(role: .user, specialist: specialist, content: message, status: .complete))
    }

    mutating func answered(_ specialist: String, _ content: String, status: Turn.Status) {
        turns.append(Turn(role: .specialist, specialist: specialist, content: content, status: status))
    }

    /// The last question asked, and to whom.
    var lastQuestion: Turn? { turns.last { $0.role == .user } }

    /// The conversation as Markdown: a section per message.
    public var markdown: String {
        var text = "# aish conversation\n"
        for turn in turns {
            let who = turn.role == .user ? "You → \(turn.specialist)" : turn.specialist
            let note = turn.status == .complete ? "" : " (\(turn.status.rawValue))"
            text += "\n## \(who)\(note)\n\n\(turn.content)\n"
        }
        return text
    }
}
