import Foundation

/// Reading what `aish sessions export` wrote (one session, or `--all`'s array), for
/// `aish sessions import`: each session with its id, title, times and messages.
public enum SessionImport {
    /// The sessions in `data`, checked; the error names the session (by position and
    /// id) and the field that is wrong, and says what it should be.
    public static func read(_ data: Data, source: String) throws(AishError) -> [(StoredSession, [StoredMessage])] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let parsed: [SessionJSON]
        do {
            // `export --all` writes an array; `export ID --format json` one object.
            if data.first(where: { ![9, 10, 13, 32].contains($0) }) == UInt8(ascii: "[") {
                parsed = try decoder.decode([SessionJSON].self, from: data)
            } else {
                parsed = [try decoder.decode(SessionJSON.self, from: data)]
            }
        } catch {
            throw .invalidArgument(
                name: "import file", value: source,
                hint:
                    "it is not what `aish sessions export ID --format json` or `export --all` writes (\(describe(error)))"
            )
        }
        var sessions: [(StoredSession, [StoredMessage])] = []
        for (index, json) in parsed.enumerated() {
            func bad(_ field: String, _ value: String, _ expected: String) -> AishError {
                .invalidArgument(
                    name: "import file", value: source,
                    hint: "session \(index + 1) (\(json.id)): \(field) is '\(value)'; expected \(expected)")
            }
            guard SessionID.prefix(json.id) == json.id, json.id.count == 16 else {
                throw bad("id", json.id, "16 hex digits")
            }
            guard let created = date(json.createdAt) else {
                throw bad("created_at", json.createdAt, "an ISO 8601 time")
            }
            guard let updated = date(json.updatedAt) else {
                throw bad("updated_at", json.updatedAt, "an ISO 8601 time")
            }
            let session = StoredSession(
                id: json.id, title: json.title, specialist: json.specialist, serverSessionID: json.serverSessionId,
                createdAt: created, updatedAt: updated, messageCount: json.messages?.count ?? 0)
            var messages: [StoredMessage] = []
            for message in json.messages ?? [] {
                guard let role = MessageRole(rawValue: message.role) else {
                    throw bad("a message's role", message.role, "user or specialist")
                }
                guard let status = MessageStatus(rawValue: message.status) else {
                    throw bad("a message's status", message.status, "complete, partial, stopped or interrupted")
                }
                guard let time = date(message.createdAt) else {
                    throw bad("a message's created_at", message.createdAt, "an ISO 8601 time")
                }
                messages.append(
                    StoredMessage(
                        handle: MessageHandle(sessionID: json.id, messageID: message.id), role: role,
                        specialist: message.specialist, content: message.content, tokens: message.tokens,
                        // A reply being written when it was exported is not being written here.
                        status: message.streaming && status == .partial ? .interrupted : status,
                        createdAt: time))
            }
            sessions.append((session, messages))
        }
        return sessions
    }

    private static func date(_ text: String) -> Date? {
        SessionDates.date(iso8601: text)
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not JSON" }
        switch error {
        case .keyNotFound(let key, let context):
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).filter { !$0.hasPrefix("Index") }
            return "\(path.joined(separator: ".")) is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not JSON" : "\(path) has the wrong type"
        @unknown default: return "not JSON"
        }
    }
}

/// A store that takes whole sessions from elsewhere (`aish sessions import`).
public protocol SessionImporting: SessionStore {
    /// Adds `session` with its id, title, times and `messages` in their order; false
    /// (and nothing changed) when a session with that id is already there.
    func importSession(_ session: StoredSession, messages: [StoredMessage]) async throws -> Bool
}
