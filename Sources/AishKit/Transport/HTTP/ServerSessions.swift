import AsyncHTTPClient
import Foundation

/// Server-side sessions (PROTOCOL.md §4): a server that offers them keeps the
/// conversation itself, so aish sends each message alone with the session's id
/// instead of repeating the earlier turns.
extension TektonClient {
    /// Opens a session with `specialistID` (`POST /api/v2/sessions`) and returns its
    /// id; nil when the server has no such route after all (404 without a
    /// specialist error, 405, 501), in which case the conversation goes on without.
    public func createServerSession(specialistID: String) async throws -> String? {
        struct Body: Encodable {
            var specialist_id: String
        }
        struct Created: Decodable {
            var id: String
        }
        let url = self.url("/api/v2/sessions")
        let request = try makeJSONRequest(url: url, body: Body(specialist_id: specialistID))
        let response = try await send(request, timeout: metadataTimeout)
        switch response.status.code {
        case 200, 201:
            break
        case 404, 405, 501:
            let body = try? await response.body.collect(upTo: Self.errorBodyLimit)
            let code = body.flatMap { ServerErrorBody(json: $0.readableBytesView) }?.code
            if code == "AI_NOT_FOUND" { throw AishError.unknownSpecialist(name: specialistID, suggestions: []) }
            return nil
        default:
            throw await failure(for: response, url: url, specialistID: specialistID)
        }
        let created = try await decodeJSON(Created.self, from: response, url: url)
        guard !created.id.isEmpty, created.id.utf8.count <= 200 else {
            throw AishError.malformedResponse(url: url, detail: "the session id is empty or too long")
        }
        return created.id
    }
}

/// A chat in a server session that survives the session's expiry: when the server
/// says the session expired (410 / -32000) before answering, a new session is
/// opened, the message is sent again with the earlier turns in front (so the new
/// session knows the conversation), and a notice says so in one line.
///
/// Opening a session that the server refuses with a rate limit is tried again
/// as `rateLimits` says, with a notice for each wait, as a chat request is.
public struct ServerSessionChat: Sendable {
    /// The server.
    public let client: any ChatServer
    /// The chat's specialist and transport.
    public let prepared: PreparedChat
    /// How a rate-limited `POST /api/v2/sessions` is waited out.
    public let rateLimits: RateLimitPolicy

    /// Creates the chat.
    public init(client: any ChatServer, prepared: PreparedChat, rateLimits: RateLimitPolicy = .default) {
        self.client = client
        self.prepared = prepared
        self.rateLimits = rateLimits
    }

    /// Streams the reply to `request` (whose `sessionID` is the current server
    /// session, or nil to open one first).
    ///
    /// - Parameters:
    ///   - seeded: the message with the earlier turns in front, for a new session.
    ///   - onSession: told the id of every session opened here, to remember it.
    public func stream(
        _ request: ChatRequest, seeded: String, onSession: @escaping @Sendable (String) async -> Void
    ) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing { continuation in
            var request = request
            let (client, id, rateLimits) = (client, prepared.specialist.id, rateLimits)
            let open = {
                try await rateLimits.retrying(notify: { continuation.yield($0) }) {
                    try await client.createServerSession(specialistID: id)
                }
            }
            if request.sessionID == nil {
                request.message = seeded
                if let opened = try await open() {
                    request.sessionID = opened
                    await onSession(opened)
                }
            }
            var answered = false
            do {
                for try await event in prepared.transport.stream(request) {
                    answered = true
                    continuation.yield(event)
                }
            } catch AishError.sessionExpired where !answered {
                let renewed = try await open()
                if let renewed { await onSession(renewed) }
                continuation.yield(
                    .notice(
                        code: "SESSION_EXPIRED",
                        message: renewed == nil
                            ? "the server's session had expired; aish sent the earlier turns with the message"
                            : "the server's session had expired; aish opened a new one and sent the earlier turns"))
                request.sessionID = renewed
                request.message = seeded
                for try await event in prepared.transport.stream(request) { continuation.yield(event) }
            }
        }
    }
}
