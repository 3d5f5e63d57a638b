/// The conversation of one shell, in order, for `/retry` and `/save`.
public struct Transcript: Sendable, Equatable {
    /// One message of the conversation.
    public struct Turn: Sendable, Equatable {
        public enum Role: String, Sendable { case user, specialist }
        /// How far a reply got, in the session store's words.
        public typealias Status = MessageStatus
        public var role: Role
        /// Who was addressed, or who answered.
        public var specialist: String
        public var content: String
        public var status: Status
    }

    public private(set) var turns: [Turn] = []
    /// A question whose reply failed or was stopped before any text: not part of
    /// the conversation, but still what `/retry` asks again.
    public private(set) var unanswered: Turn?

    /// An empty conversation.
    public init() {}

    mutating func asked(_ specialist: String, _ message: String) {
        unanswered = nil
        turns.append(Turn(role: .user, specialist: specialist, content: message, status: .complete))
    }

    /// The last question got no text at all: it leaves the conversation (as it
    /// leaves the session store) and stays only for `/retry`.
    mutating func withdrawLastQuestion() {
        guard let last = turns.last, last.role == .user else { return }
        unanswered = turns.removeLast()
    }

    mutating func answered(_ specialist: String, _ content: String, status: Turn.Status) {
        turns.append(Turn(role: .specialist, specialist: specialist, content: content, status: status))
    }

    /// The last question asked, and to whom.
    var lastQuestion: Turn? { unanswered ?? turns.last { $0.role == .user } }

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
