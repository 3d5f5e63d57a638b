import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1

@testable import AishMockServer

/// A configuration for tests: port 0 on 127.0.0.1, no pacing, no latency.
func fastConfiguration(
    tokensPerSecond: Double = 0,
    firstTokenLatency: Double = 0,
    keepAliveInterval: Double = 15,
    faults: FaultPlan = .none,
    grace: Double = 2
) -> MockServerConfiguration {
    var configuration = MockServerConfiguration(
        host: "127.0.0.1", port: 0, tokensPerSecond: tokensPerSecond, firstTokenLatency: firstTokenLatency,
        keepAliveInterval: keepAliveInterval, resumeRetention: 120, faults: faults
    )
    configuration.cancellationGrace = grace
    return configuration
}

/// A quiet logger for servers under test.
let testLogger: Logger = {
    var logger = Logger(label: "aish.mock.test")
    logger.logLevel = .critical
    return logger
}()

/// Runs `test` against the router in-process.
func withRouter<T: Sendable>(
    _ configuration: MockServerConfiguration = fastConfiguration(),
    _ test: @escaping @Sendable (any TestClientProtocol) async throws -> T
) async throws -> T {
    let app = try makeMockApplication(state: MockServerState(configuration: configuration), logger: testLogger)
    return try await app.test(.router) { client in try await test(client) }
}

/// The body of a test response as text.
func text(_ response: TestResponse) -> String {
    String(buffer: response.body)
}

/// A JSON body for a request.
func jsonBody(_ text: String) -> ByteBuffer {
    ByteBuffer(string: text)
}

// MARK: Live requests

/// What a live streaming request received.
struct LiveResult: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: String
    /// The error that ended the body early (an abrupt close), if any.
    var bodyError: String?

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// Sends a request and reads the whole body, recording an early close instead of throwing.
/// `stopWhen` ends the read early (dropping the connection) once it returns true.
func live(
    _ url: String,
    method: HTTPMethod = .GET,
    headers: [(String, String)] = [],
    body: String? = nil,
    stopWhen: (@Sendable (String) -> Bool)? = nil,
    onData: (@Sendable (String) -> Void)? = nil
) async throws -> LiveResult {
    var request = HTTPClientRequest(url: url)
    request.method = method
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    if let body {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    var result = LiveResult(
        status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: ""
    )
    do {
        for try await buffer in response.body {
            result.body += String(buffer: buffer)
            onData?(result.body)
            if let stopWhen, stopWhen(result.body) { return result }
        }
    } catch {
        result.bodyError = String(describing: error)
    }
    return result
}

// MARK: Server-sent events

/// One parsed SSE block: its fields and any comments before it.
struct SSEEvent: Equatable, Sendable {
    var id: String?
    var event: String?
    var data: String
    var comments: [String] = []

    /// The data decoded as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(data.utf8))) as? [String: Any] ?? [:]
    }
}

/// Splits an event-stream body into events (comment-only blocks are kept as events with no data).
func parseSSE(_ text: String) -> [SSEEvent] {
    text.components(separatedBy: "\n\n").compactMap { block -> SSEEvent? in
        guard !block.isEmpty else { return nil }
        var event = SSEEvent(data: "")
        var dataLines: [String] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(":") {
                event.comments.append(String(line.dropFirst()).trimmingCharacters(in: .whitespaces))
            } else if line.hasPrefix("id: ") {
                event.id = String(line.dropFirst(4))
            } else if line.hasPrefix("event: ") {
                event.event = String(line.dropFirst(7))
            } else if line.hasPrefix("data: ") {
                dataLines.append(String(line.dropFirst(6)))
            }
        }
        event.data = dataLines.joined(separator: "\n")
        return event
    }
}

/// Only the events that carry data.
func dataEvents(_ text: String) -> [SSEEvent] {
    parseSSE(text).filter { !$0.data.isEmpty }
}

/// The concatenated `data` of the content events.
func contentText(_ events: [SSEEvent]) -> String {
    events.filter { $0.event == "content" }.compactMap { $0.json["data"] as? String }.joined()
}

/// Events with the start event's request id blanked, to compare two runs.
func normalised(_ events: [SSEEvent]) -> [SSEEvent] {
    events.map { event in
        guard event.event == "start", let requestID = event.json["request_id"] as? String else { return event }
        var copy = event
        copy.data = event.data.replacingOccurrences(of: requestID, with: "req_X")
        return copy
    }
}

// MARK: Fixtures

/// The file of recording `name` in `fixtures/rhetor-v1`: the shared one beside this
/// repository (it has every recording), else the copy in `Tests/Fixtures`.
func fixtureURL(_ name: String, filePath: String = #filePath) throws -> URL {
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let candidates = [
        root.appendingPathComponent("../shared/fixtures/rhetor-v1/\(name).http"),
        root.appendingPathComponent("Tests/Fixtures/rhetor-v1/\(name).http"),
    ]
    guard let url = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
        throw FixtureMissing(name: name)
    }
    return url
}

/// The body of a recorded Rhetor response in `fixtures/rhetor-v1`.
func fixtureBody(_ name: String, filePath: String = #filePath) throws -> String {
    let raw = try String(contentsOf: try fixtureURL(name, filePath: filePath), encoding: .utf8)
    guard let range = raw.range(of: "\r\n\r\n") else { return raw }
    return String(raw[range.upperBound...])
}

struct FixtureMissing: Error {
    let name: String
}

/// The keys of the first JSON object in `text`, in order.
func firstObjectKeys(_ text: String) -> [String] {
    guard let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") else { return [] }
    let object = String(text[open...close])
    let regex = /"([a-z_]+)":/
    return object.matches(of: regex).map { String($0.output.1) }
}

/// Request headers carrying a fault plan.
func faultHeaders(_ plan: String) -> HTTPFields {
    var headers = HTTPFields()
    if let name = MockServerState.faultHeader { headers[name] = plan }
    return headers
}

/// Request headers for a JSON body.
func jsonHeaders(_ extra: HTTPFields = [:]) -> HTTPFields {
    var headers = extra
    headers[.contentType] = "application/json"
    return headers
}
