import AsyncHTTPClient
import Foundation

/// Rhetor's team chat over HTTP: `GET /api/team-chat/stream?message=…` (named
/// events, one per answer), falling back to `POST /api/team-chat` (one JSON object)
/// when the stream route is missing or fails before its first answer, or when the
/// message is too long for a URL.
extension TektonClient: TeamChatServer {
    public func teamChat(_ message: String) -> AsyncThrowingStream<TeamAnswer, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: TeamAnswer.self)
        let client = self
        let task = Task {
            do {
                try await client.timeouts.watch("the team") { heartbeat in
                    if try await !client.streamTeamChat(message, heartbeat: heartbeat, into: continuation) {
                        try await client.postTeamChat(message, into: continuation)
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: NetworkFailure.isCancellation(error) ? CancellationError() : error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Reads the stream route; false when it is missing or failed before an answer
    /// (the caller then posts), true once it answered.
    private func streamTeamChat(
        _ message: String, heartbeat: ReplyHeartbeat,
        into continuation: AsyncThrowingStream<TeamAnswer, any Error>.Continuation
    ) async throws -> Bool {
        let encoded = PercentEncoding.encode(message)
        guard encoded.utf8.count <= V1StreamTransport.maxEncodedMessageBytes else { return false }
        // Errors name the route without the query: the query is the message.
        let url = self.url("/api/team-chat/stream")
        let response = try await send(
            makeRequest(url: "\(url)?message=\(encoded)", accept: "text/event-stream"), timeout: replyTimeout)
        guard response.status.code == 200, response.isEventStream else {
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            if [404, 405].contains(response.status.code) || response.status.code >= 500 { return false }
            throw await failure(for: response, url: url, specialistID: nil)
        }
        var answered = false
        do {
            for try await events in SSEEventBatches(body: response.body, heartbeat: heartbeat) {
                for event in events {
                    switch try TeamChatWire.event(event) {
                    case .answer(let answer):
                        answered = true
                        continuation.yield(answer)
                    case .complete:
                        return true
                    case .other:
                        continue
                    }
                }
            }
        } catch let error as WireFormatError {
            throw AishError.malformedResponse(url: url, detail: error.detail)
        } catch  where !answered && !NetworkFailure.isCancellation(error) {
            return false
        }
        return answered
    }

    private func postTeamChat(
        _ message: String, into continuation: AsyncThrowingStream<TeamAnswer, any Error>.Continuation
    ) async throws {
        let url = self.url("/api/team-chat")
        let response = try await send(
            try makeJSONRequest(url: url, body: ["message": message]), timeout: replyTimeout)
        switch response.status.code {
        case 200:
            break
        case 404, 405:
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            throw AishError.unexpectedStatus(
                url: url, status: Int(response.status.code),
                detail:
                    "this server has no team chat; name the specialists instead, as in `aish team --to apollo,athena`")
        default:
            throw await failure(for: response, url: url, specialistID: nil)
        }
        let body = try await response.body.collect(upTo: Self.jsonBodyLimit)
        do throws(WireFormatError) {
            for answer in try TeamChatWire.answers(in: Data(body.readableBytesView)) { continuation.yield(answer) }
        } catch {
            throw AishError.malformedResponse(url: url, detail: error.detail)
        }
    }
}
