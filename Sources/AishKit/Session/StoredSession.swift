import Foundation

/// One conversation as the store keeps it: who it is with, what it is called, and
/// when it was last used. Its messages are fetched separately.
public struct StoredSession: Sendable, Equatable, Hashable {
    /// The session's id: 16 lowercase hex digits. Commands accept any unique prefix.
    public var id: String
    /// A short title, from the first message (decrypted).
    public var title: String
    /// The specialist the session was started with (a server id such as `apollo-ci`).
    public var specialist: String
    /// The server's own session id (PROTOCOL.md §4), when a server session backs this one.
    public var serverSessionID: String?
    /// When the session was created.
    public var createdAt: Date
    /// When a message was last added or updated; idle pruning counts from here.
    public var updatedAt: Date
    /// How many messages the session holds.
    public var messageCount: Int
    /// Whether the session's row could not be read (the file was altered); only
    /// its id is known, and the title says how to remove it.
    public var isDamaged = false

    /// A session with every field given.
    public init(
        id: String, title: String, specialist: String, serverSessionID: String? = nil,
        createdAt: Date, updatedAt: Date, messageCount: Int = 0
    ) {
        self.id = id
        self.title = title
        self.specialist = specialist
        self.serverSessionID = serverSessionID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
    }

    /// A session whose row cannot be read, listed so that it can be named and
    /// deleted rather than hiding every other session.
    public static func damaged(id: String) -> StoredSession {
        var session = StoredSession(
            id: id,
            title: "(unreadable: this row was altered; delete it with `aish sessions delete \(id)`)",
            specialist: "?", createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        session.isDamaged = true
        return session
    }

    /// The first eight characters of the id, as listings show it.
    public var shortID: String { String(id.prefix(8)) }

    /// The title for the first message `text`: its first non-blank line, at most
    /// `limit` characters, with `…` when cut.
    public static func title(from text: String, limit: Int = 60) -> String {
        let line =
            text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingWhitespace() }
            .first { !$0.isEmpty } ?? ""
        guard line.count > limit else { return line }
        return line.prefix(max(limit - 1, 0)).trimmingWhitespace() + "…"
    }
}
