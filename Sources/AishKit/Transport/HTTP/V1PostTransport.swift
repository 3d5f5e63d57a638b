import AsyncHTTPClient

/// Chat over Tekton's v1 single POST (`POST /api/v1/ai/specialists/{id}/message`,
/// PROTOCOL.md §2): the whole reply arrives at once.
///
/// Tekton answers HTTP 200 even when the specialist failed; `success: false` becomes
/// ``AishError/specialistFailed(id:code:message:)``. A successful reply yields
/// `.started`, one `.text` and `.done`.
public struct V1PostTransport: ChatTransport {
    /// Always ``TransportKind/v1Post``.
    public var kind: TransportKind { .v1Post }

    private let client: TektonClient

    /// Creates the transport for `client`'s server.
    public init(client: TektonClient) {
        self.client = client
    }

    /// Sends `request` and yields the reply.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing(on: client.readerExecutor) { continuation in
            try await client.timeouts.watch(request.specialistID) { _ in
                try await send(request, to: continuation)
            }
        }
    }

    /// Sends `request` and yields its reply on `continuation`; also the fallback of
    /// ``V1StreamTransport`` when the server has no v1 stream route (whose
    /// ``Timeouts/watch(_:clock:_:)`` then bounds it: the whole reply is the first answer).
    func send(_ request: ChatRequest, to continuation: ReplyOutlet) async throws {
        try request.validate()
        let id = request.specialistID
        let url = client.url("/api/v1/ai/specialists/\(PercentEncoding.encode(id))/message")
        let httpRequest = try client.makeJSONRequest(url: url, body: Body(message: request.message))
        let response = try await client.send(httpRequest, timeout: client.replyTimeout)
        guard response.status.code == 200 else {
            throw await client.failure(for: response, url: url, specialistID: id)
        }
        let result = try await client.decodeJSON(V1MessageResult.self, from: response, url: url)
        guard result.success else {
            throw AishError.specialistFailed(
                id: id,
                code: nil,
                message: result.error ?? "the specialist reported a failure without a message"
            )
        }
        if let text = result.response, let failure = RhetorModelError.message(in: text) {
            throw AishError.specialistFailed(id: id, code: nil, message: failure)
        }
        var emitter = ReplyEmitter(continuation, transport: .v1Post)
        emitter.start(requestID: nil)
        if let text = result.response, !text.isEmpty { emitter.append(text) }
        emitter.done(tokensUsed: nil, finishReason: nil)
    }

    private struct Body: Encodable {
        var message: String
    }
}
