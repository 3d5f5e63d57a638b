import Foundation

/// Who wrote a message.
public enum MessageRole: String, Sendable, Codable, CaseIterable {
    /// The person at the terminal.
    case user
    /// The specialist's reply.
    case specialist
}

/// How far a message got. The raw values match ``Transcript/Turn/Status``.
public enum MessageStatus: String, Sendable, Codable, CaseIterable {
    /// The whole message: a question, or a reply that reached its end.
    case complete
    /// A reply that is still streaming, or that ended in an error after some text.
    case partial
    /// A reply stopped by Ctrl-C (or by SIGTERM or SIGHUP) after some text.
    case stopped
    /// A reply whose process died before it ended (found and marked when the store
    /// is next opened).
    case interrupted
}

/// Where one message lives: its session and its row. Returned when a message is
/// added; used to update it as a reply streams.
public struct MessageHandle: Sendable, Equatable, Hashable {
    /// The session's full id.
    public var sessionID: String
    /// The message's row id, increasing within the database.
    public var messageID: Int64

    /// A handle for message `messageID` of session `sessionID`.
    public init(sessionID: String, messageID: Int64) {
        self.sessionID = sessionID
        self.messageID = messageID
    }
}

/// One message of a session.
public struct StoredMessage: Sendable, Equatable {
    /// Where the message lives.
    public var handle: MessageHandle
    /// Who wrote it.
    public var role: MessageRole
    /// Who was addressed (for a question) or who answered (for a reply).
    public var specialist: String
    /// The text (decrypted).
    public var content: String
    /// Tokens the reply used, as the server reported or as counted; 0 for questions.
    public var tokens: Int
    /// How far the message got.
    public var status: MessageStatus
    /// Whether a process is writing it right now (a reply in flight).
    public var isStreaming: Bool
    /// When the message was added.
    public var createdAt: Date

    /// A message with every field given.
    public init(
        handle: MessageHandle, role: MessageRole, specialist: String, content: String, tokens: Int = 0,
        status: MessageStatus, isStreaming: Bool = false, createdAt: Date
    ) {
        self.handle = handle
        self.role = role
        self.specialist = specialist
        self.content = content
        self.tokens = tokens
        self.status = status
        self.isStreaming = isStreaming
        self.createdAt = createdAt
    }
}

/// A message to add to a session.
public struct MessageDraft: Sendable, Equatable {
    /// Who writes it.
    public var role: MessageRole
    /// Who is addressed (a question) or who answers (a reply).
    public var specialist: String
    /// The text.
    public var content: String
    /// Tokens used so far (0 for a question).
    public var tokens: Int
    /// How far it got.
    public var status: MessageStatus
    /// True for a reply about to stream: the store remembers which process writes it,
    /// so a reply whose process died shows as ``MessageStatus/interrupted`` later.
    public var isStreaming: Bool

    /// A draft with every field given.
    public init(
        role: MessageRole, specialist: String, content: String, tokens: Int = 0,
        status: MessageStatus = .complete, isStreaming: Bool = false
    ) {
        self.role = role
        self.specialist = specialist
        self.content = content
        self.tokens = tokens
        self.status = status
        self.isStreaming = isStreaming
    }

    /// The user's question to `specialist`.
    public static func question(_ text: String, to specialist: String) -> MessageDraft {
        MessageDraft(role: .user, specialist: specialist, content: text)
    }

    /// An empty reply from `specialist`, about to stream.
    public static func pendingReply(from specialist: String) -> MessageDraft {
        MessageDraft(role: .specialist, specialist: specialist, content: "", status: .partial, isStreaming: true)
    }
}
