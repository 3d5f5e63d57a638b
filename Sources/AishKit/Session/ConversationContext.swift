/// Earlier turns of a session, sent in front of a new message to a server that
/// cannot keep the conversation itself (a v1-only server, or one without a server
/// session). The format is documented in README.md ("Conversation context"):
///
/// ```
/// [Earlier in this conversation]
/// User: first question
/// apollo: its answer
/// apollo (interrupted): a reply cut short
/// [End of earlier conversation]
///
/// the new message
/// ```
///
/// Only the last ``maximumMessages`` messages are considered; the oldest are dropped
/// first until the block fits in the byte budget, and when even the newest does
/// not fit, its beginning is cut and marked with `…`. Empty replies are skipped.
public struct ConversationContext: Sendable {
    /// How many earlier messages at most (the §4 default context window).
    public var maximumMessages: Int
    /// The most bytes (UTF-8) the context block may take.
    public var budget: Int

    /// 10 messages, 16 KiB: the defaults.
    public init(maximumMessages: Int = 10, budget: Int = 16 * 1024) {
        self.maximumMessages = maximumMessages
        self.budget = budget
    }

    static let opening = "[Earlier in this conversation]\n"
    static let closing = "[End of earlier conversation]\n\n"

    /// `message` with the context of `history` (oldest first) in front; `message`
    /// alone when there is no history. The whole stays within `limit` bytes.
    public func message(_ message: String, after history: [StoredMessage], limit: Int = MessageInput.maximumBytes)
        -> String
    {
        let frame = Self.opening.utf8.count + Self.closing.utf8.count
        let room = min(budget, limit - message.utf8.count) - frame
        let lines = history.suffix(maximumMessages).compactMap(Self.line)
        guard room > 0, !lines.isEmpty else { return message }
        var kept: [String] = []
        var used = 0
        for line in lines.reversed() {
            let size = line.utf8.count
            if used + size <= room {
                kept.append(line)
                used += size
            } else {
                if kept.isEmpty { kept.append(Self.tail(of: line, fitting: room)) }
                break
            }
        }
        return Self.opening + kept.reversed().joined() + Self.closing + message
    }

    private static func line(_ message: StoredMessage) -> String? {
        guard !message.content.isEmpty else { return nil }
        let who: String
        switch message.role {
        case .user: who = "User"
        case .specialist:
            who =
                message.status == .complete ? message.specialist : "\(message.specialist) (\(message.status.rawValue))"
        }
        let text = message.content.hasSuffix("\n") ? message.content : message.content + "\n"
        return "\(who): \(text)"
    }

    /// The end of `line` in at most `bytes` bytes, the label kept and the cut marked `…`.
    private static func tail(of line: String, fitting bytes: Int) -> String {
        guard let colon = line.firstIndex(of: ":") else { return "" }
        let label = String(line[...colon]) + " …"
        let room = bytes - label.utf8.count
        guard room > 0 else { return "" }
        var body = Substring(line[line.index(after: colon)...])
        while body.utf8.count > room { body = body.dropFirst(max(1, (body.utf8.count - room) / 4)) }
        return label + body
    }
}
