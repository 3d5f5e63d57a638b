import Foundation

/// A session written out for people (Markdown) or programs (JSON): what
/// `aish sessions export` and `aish sessions --json` print.
public enum SessionExport {
    /// The session as Markdown: a header with its facts, then a section per message.
    public static func markdown(_ session: StoredSession, messages: [StoredMessage]) -> String {
        var text = "# \(session.title.isEmpty ? "aish session" : session.title)\n\n"
        text += "- Session: \(session.id)\n- Specialist: \(session.specialist)\n"
        text += "- Started: \(SessionDates.iso8601(session.createdAt, milliseconds: false))\n"
        text += "- Last used: \(SessionDates.iso8601(session.updatedAt, milliseconds: false))\n"
        for message in messages {
            let who = message.role == .user ? "You → \(message.specialist)" : message.specialist
            let note = message.status == .complete ? "" : " (\(message.status.rawValue))"
            text += "\n## \(who)\(note)\n\n\(message.content)"
            if !message.content.hasSuffix("\n") { text += "\n" }
        }
        return text
    }

    /// The session and its messages as one JSON object (pretty, keys sorted).
    public static func json(_ session: StoredSession, messages: [StoredMessage]) -> String {
        encode(SessionJSON(session, messages: messages), pretty: true)
    }

    /// Whole sessions, each with its messages, as a JSON array (pretty, keys sorted):
    /// what `aish sessions export --all` writes and `aish sessions import` reads.
    public static func json(_ sessions: [(StoredSession, [StoredMessage])]) -> String {
        guard !sessions.isEmpty else { return "[]" }
        return encode(sessions.map { SessionJSON($0.0, messages: $0.1) }, pretty: true)
    }

    /// Sessions as a JSON array, without their messages (pretty, keys sorted).
    public static func json(_ sessions: [StoredSession]) -> String {
        guard !sessions.isEmpty else { return "[]" }
        return encode(sessions.map { SessionJSON($0, messages: nil) }, pretty: true)
    }

    /// Search hits as a JSON array: each session with `title_matches` and its matching messages.
    public static func json(_ hits: [SessionSearchHit]) -> String {
        guard !hits.isEmpty else { return "[]" }
        return encode(
            hits.map { hit in
                var json = SessionJSON(hit.session, messages: hit.messages)
                json.messageCount = hit.session.messageCount
                json.titleMatches = hit.titleMatches
                return json
            }, pretty: true)
    }

    static func encode(_ value: some Encodable, pretty: Bool) -> String {
        if pretty { return PrettyJSON.text(value, snakeCase: true) ?? "{}" }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The JSON shape of a session (keys in snake case).
struct SessionJSON: Codable {
    struct Message: Codable {
        var id: Int64
        var role: String
        var specialist: String
        var content: String
        var tokens: Int
        var status: String
        var streaming: Bool
        var createdAt: String
    }

    var id: String
    var title: String
    var specialist: String
    var serverSessionId: String?
    var createdAt: String
    var updatedAt: String
    var messageCount: Int
    var messages: [Message]?
    var titleMatches: Bool?

    init(_ session: StoredSession, messages: [StoredMessage]?) {
        id = session.id
        title = session.title
        specialist = session.specialist
        serverSessionId = session.serverSessionID
        createdAt = SessionDates.iso8601(session.createdAt)
        updatedAt = SessionDates.iso8601(session.updatedAt)
        messageCount = messages?.count ?? session.messageCount
        self.messages = messages?.map {
            Message(
                id: $0.handle.messageID, role: $0.role.rawValue, specialist: $0.specialist, content: $0.content,
                tokens: $0.tokens, status: $0.status.rawValue, streaming: $0.isStreaming,
                createdAt: SessionDates.iso8601($0.createdAt))
        }
    }
}
