import Foundation
import NIOHTTP1

// Serves the raw HTTP responses recorded from a real Tekton Rhetor
// (Tests/Fixtures/rhetor-v1/*.http) over a real socket, through RawHTTPTestServer.
// Self-contained (Foundation and NIO only; no AishKit) so other test targets can
// compile it together with RawHTTPTestServer.swift.

/// The recorded Rhetor v1 server.
enum FixtureReplayServer {
    /// The fixtures directory of this repository (`Tests/Fixtures/rhetor-v1`).
    static let defaultDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // the test target
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures/rhetor-v1")

    /// Which recording answers which request; the query string is ignored.
    static let routes: [(method: HTTPMethod, path: String, fixture: String)] = [
        (.GET, "/api/capabilities", "capabilities-404"),
        (.GET, "/api/v1/ai/specialists", "specialists"),
        (.GET, "/api/v1/ai/specialists/apollo-ci/health", "health-apollo"),
        (.GET, "/api/v1/ai/find/knowledge", "find-knowledge"),
        (.POST, "/api/v1/ai/specialists/apollo-ci/message", "message-apollo"),
        (.POST, "/api/v1/ai/specialists/hermes-ci/message", "message-unhealthy"),
        (.POST, "/api/v1/ai/specialists/nosuch-ci/message", "message-unknown"),
        (.GET, "/api/v1/ai/stream/chat/apollo-ci", "stream-apollo"),
        (.GET, "/api/v1/ai/stream/chat/hermes-ci", "stream-unhealthy"),
        (.GET, "/api/team-chat/stream", "team-chat-stream"),
        (.POST, "/api/team-chat", "team-chat"),
    ]

    /// The recording for any other request: FastAPI's 404 `{"detail":"Not Found"}`,
    /// which is what Rhetor answers for a route it does not have.
    static let fallbackFixture = "capabilities-404"

    /// Starts a server replaying the recordings in `directory`.
    static func start(directory: URL = defaultDirectory) async throws -> RawHTTPTestServer {
        let responder = try makeResponder(directory: directory)
        return try await RawHTTPTestServer.start(responder: responder)
    }

    /// A responder that answers from the recordings in `directory` (all read up front).
    static func makeResponder(directory: URL) throws -> RawHTTPTestServer.Responder {
        var responses: [String: [UInt8]] = [:]
        for name in Set(routes.map(\.fixture) + [fallbackFixture]) {
            responses[name] = try wireBytes(of: directory.appendingPathComponent("\(name).http"))
        }
        let table = routes
        let answers = responses
        return { request in
            let name =
                table.first { $0.method == request.method && $0.path == request.path }?.fixture ?? fallbackFixture
            return [.send(answers[name] ?? [])]
        }
    }

    /// The bytes to send for a recording. A `Transfer-Encoding: chunked` recording
    /// holds its body decoded, so the body is sent chunked again, one chunk per event.
    static func wireBytes(of file: URL) throws -> [UInt8] {
        let raw = Array(try Data(contentsOf: file))
        let separator = Array("\r\n\r\n".utf8)
        guard let end = raw.indices.first(where: { raw[$0...].starts(with: separator) }) else {
            throw FixtureError(file: file.lastPathComponent, reason: "no blank line after the head")
        }
        let head = Array(raw[..<(end + separator.count)])
        let body = Array(raw[(end + separator.count)...])
        let headText = String(decoding: head, as: UTF8.self).lowercased()
        guard headText.contains("transfer-encoding: chunked") else { return raw }
        var chunked = head
        var eventStart = 0
        for index in body.indices where index > 0 && body[index] == 0x0A && body[index - 1] == 0x0A {
            chunked += RawHTTP.chunk(Array(body[eventStart...index]))
            eventStart = index + 1
        }
        if eventStart < body.count { chunked += RawHTTP.chunk(Array(body[eventStart...])) }
        return chunked + RawHTTP.lastChunk
    }

    struct FixtureError: Error, CustomStringConvertible {
        var file: String
        var reason: String
        var description: String { "fixture \(file): \(reason)" }
    }
}
