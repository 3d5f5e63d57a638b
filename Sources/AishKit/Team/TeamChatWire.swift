import Foundation

/// What Rhetor's team-chat routes send (`team-chat.http`, `team-chat-stream.http`).
/// Pure; no I/O.
enum TeamChatWire {
    /// One event of `GET /api/team-chat/stream`: `connected`, then a `message` per
    /// answer (`{"type": "response", "socket_id", "content", …}`), then `complete`.
    enum StreamEvent: Equatable {
        case answer(TeamAnswer)
        case complete
        case other
    }

    /// Reads one event; throws ``WireFormatError`` for an answer that is not the JSON it should be.
    static func event(_ event: SSEEvent) throws(WireFormatError) -> StreamEvent {
        switch event.event {
        case "complete":
            return .complete
        case "message":
            guard let response = try? JSONDecoder().decode(Response.self, from: Data(event.data.utf8)) else {
                throw WireFormatError("a team-chat event that is not an answer")
            }
            guard response.type == nil || response.type == "response" else { return .other }
            return .answer(.received(from: response.socketID, content: response.content))
        default:
            return .other
        }
    }

    /// The answers of `POST /api/team-chat`'s one JSON object, in its order.
    static func answers(in body: Data) throws(WireFormatError) -> [TeamAnswer] {
        guard let answer = try? JSONDecoder().decode(PostAnswer.self, from: body) else {
            throw WireFormatError("a team-chat answer without its \"responses\"")
        }
        return answer.responses.map { .received(from: $0.socketID, content: $0.content) }
    }

    struct Response: Decodable {
        var type: String?
        var socketID: String
        var content: String

        enum CodingKeys: String, CodingKey {
            case type
            case socketID = "socket_id"
            case content
        }
    }

    struct PostAnswer: Decodable {
        var responses: [Response]
    }
}
