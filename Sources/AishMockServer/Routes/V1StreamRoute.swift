import Hummingbird
import NIOCore

/// `GET /api/v1/ai/stream/chat/{id}?message=…`: Rhetor's unnamed SSE events,
/// `data: {"chunk": "…"}` with 50-code-point chunks in Python's ASCII-only JSON,
/// then `data: {"done": true}`.
///
/// Faults: `drop-after=N` closes after N chunk events, `fatal-at=N` sends
/// `data: {"error": …}` in place of the Nth chunk and ends, `first-token-delay`
/// delays the first chunk and `unavailable` answers 503. v1 has no recoverable
/// errors, so `error-at` does not apply.
struct V1StreamRoute: Sendable {
    let state: MockServerState

    /// Code points per chunk, as Rhetor cuts them.
    static let chunkLength = 50
    /// About how many tokens one chunk holds, to pace chunks like tokens.
    static let tokensPerChunk = 8.0

    /// Adds the route to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/api/v1/ai/stream/chat/:id") { request, context in
            let id = try context.parameters.require("id")
            let faults = try state.faults(for: request)
            guard let message = QueryParameters(request.uri.query)["message"] else {
                throw FastAPIError.missing("message", in: "query")
            }
            guard !message.isEmpty else { throw FastAPIError.empty("message", in: "query") }
            guard let specialist = Roster.specialist(id) else {
                throw FastAPIError(status: .notFound, detail: .string("CI specialist \(id) not found"))
            }
            guard specialist.healthy && !faults.unavailable else {
                throw FastAPIError(status: .serviceUnavailable, detail: .string("CI specialist \(id) is not healthy"))
            }
            try state.checkRateLimitFault(faults)
            let chunks = Self.chunks(of: Reply(specialist: specialist, message: message, maxTokens: nil).text)
            let pacing = state.pacing(for: faults)
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    try await Self.write(chunks, faults: faults, pacing: pacing, to: &writer)
                }
            )
        }
    }

    /// The text cut into pieces of `chunkLength` Unicode code points.
    static func chunks(of text: String) -> [String] {
        var chunks: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            current.append(scalar)
            if current.count == chunkLength {
                chunks.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { chunks.append(String(current)) }
        return chunks
    }

    private static func write(
        _ chunks: [String], faults: FaultPlan, pacing: Pacing, to writer: inout any ResponseBodyWriter
    ) async throws {
        let start = ContinuousClock.now
        let chunkPacing = Pacing(
            eventsPerSecond: pacing.eventsPerSecond / tokensPerChunk, firstEventDelay: pacing.firstEventDelay)
        for index in 0...chunks.count {
            if let dropAfter = faults.dropAfterEvents, index >= dropAfter {
                throw SSEConnection.InjectedDrop()
            }
            guard index < chunks.count else { break }
            let due = chunkPacing.deadline(forContentAt: index, from: start)
            if ContinuousClock.now < due {
                try await Task.sleep(until: due, clock: .continuous)
            }
            if index + 1 == faults.fatalErrorAt {
                try await writer.write(event(["error": "The model failed while generating the reply."]))
                try await writer.finish(nil)
                return
            }
            try await writer.write(event(["chunk": .string(chunks[index])]))
        }
        try await writer.write(event(["done": .bool(true)]))
        try await writer.finish(nil)
    }

    /// One unnamed v1 event, `data: {...}` in Python's JSON spelling.
    static func event(_ pairs: KeyValuePairs<String, JSONValue>) -> ByteBuffer {
        event(.object(pairs))
    }

    /// One unnamed v1 event carrying `value`.
    static func event(_ value: JSONValue) -> ByteBuffer {
        ByteBuffer(string: "data: " + value.encoded(.python) + "\n\n")
    }
}
