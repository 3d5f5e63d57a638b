import Hummingbird
import NIOCore

/// The event streams of Rhetor's `StreamingResponse`s: unnamed `data:` events in
/// Python's ASCII-only JSON, ended by LF.
enum RhetorSSE {
    /// `text/event-stream; charset=utf-8` and nothing else, as Rhetor's streams answer.
    static func response(_ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void)
        -> Response
    {
        Response(
            status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8"],
            body: ResponseBody { writer in
                try await write(&writer)
                try await writer.finish(nil)
            })
    }

    /// Writes a whole reply as Rhetor simulates streaming: 50-code-point chunks with
    /// `pause` after each, then `{"done": true}`; a failure is one `{"error": …}`.
    static func writeReply(_ outcome: RhetorOutcome, pause: Duration, to writer: inout any ResponseBodyWriter)
        async throws
    {
        switch outcome {
        case .error(let message):
            try await writer.write(V1StreamRoute.event(["error": .string(message)]))
        case .response(let text):
            for chunk in V1StreamRoute.chunks(of: text) {
                try await writer.write(V1StreamRoute.event(["chunk": .string(chunk)]))
                if pause > .zero { try await Task.sleep(for: pause) }
            }
            try await writer.write(V1StreamRoute.event(["done": .bool(true)]))
        }
    }
}
