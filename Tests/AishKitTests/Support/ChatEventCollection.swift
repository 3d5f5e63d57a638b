import AishKit
import Testing

/// Everything a chat stream yielded, and the error it ended with, if any.
struct CollectedReply {
    var events: [ChatEvent] = []
    var error: (any Error)?

    /// The reply text: every `.text` joined.
    var text: String {
        events.compactMap { event in
            if case .text(let text, _) = event { text } else { nil }
        }.joined()
    }

    /// The number of chunks the `.text` events say they hold.
    var tokens: Int {
        events.reduce(0) { sum, event in
            if case .text(_, let tokens) = event { sum + tokens } else { sum }
        }
    }

    /// The error as an ``AishError``, if it is one.
    var aishError: AishError? { error as? AishError }
}

/// Reads a chat stream to its end.
func collect(_ stream: AsyncThrowingStream<ChatEvent, any Error>) async -> CollectedReply {
    var reply = CollectedReply()
    do {
        for try await event in stream { reply.events.append(event) }
    } catch {
        reply.error = error
    }
    return reply
}

/// Runs `body` with a client for `server`, then stops the server.
@discardableResult
func withClient<T>(of server: RawHTTPTestServer, _ body: (TektonClient) async throws -> T) async throws -> T {
    let client = try TektonClient(baseURL: server.baseURL)
    do {
        let result = try await body(client)
        try await server.shutdown()
        return result
    } catch {
        try? await server.shutdown()
        throw error
    }
}

/// Runs `body`, recording an issue if it takes longer than `limit`. A guard against
/// hangs, not a way to wait for something.
func withTimeLimit(
    _ limit: Duration, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await body()
            return true
        }
        group.addTask {
            try await Task.sleep(for: limit)
            return false
        }
        let finished = try await group.next() ?? false
        group.cancelAll()
        if !finished { Issue.record("did not finish within \(limit)", sourceLocation: sourceLocation) }
    }
}
