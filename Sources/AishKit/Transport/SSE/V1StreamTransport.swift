import AsyncHTTPClient

/// Chat over Tekton's v1 event stream (`GET /api/v1/ai/stream/chat/{id}?message=…`,
/// PROTOCOL.md §2): unnamed events carrying `{"chunk"}`, `{"done": true}` or
/// `{"error"}`.
///
/// When the server lacks the route (404 `{"detail":"Not Found"}` or 405), or the
/// message is too long for a URL, the request goes through ``V1PostTransport``
/// instead, and `.started` then names ``TransportKind/v1Post``.
public struct V1StreamTransport: ChatTransport {
    /// Always ``TransportKind/v1Stream``.
    public var kind: TransportKind { .v1Stream }

    /// Messages longer than this once percent-encoded go by POST: servers cap the
    /// length of a request line (uvicorn at about 16 KiB for all headers).
    static let maxEncodedMessageBytes = 6 * 1024

    /// How long Tekton's Rhetor keeps a specialist's health, in seconds.
    static let healthCacheSeconds = 30

    private let client: TektonClient

    /// Creates the transport for `client`'s server.
    public init(client: TektonClient) {
        self.client = client
    }

    /// Sends `request` and streams the reply.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing(on: client.readerExecutor) { continuation in
            try request.validate()
            try await client.timeouts.watch(request.specialistID) { heartbeat in
                try await send(request, heartbeat: heartbeat, to: continuation)
            }
        }
    }

    private func send(_ request: ChatRequest, heartbeat: ReplyHeartbeat, to continuation: ReplyOutlet)
        async throws
    {
        let id = request.specialistID
        // Errors name the route without the query: the query is the message.
        let url = client.url("/api/v1/ai/stream/chat/\(PercentEncoding.encode(id))")
        let message = PercentEncoding.encode(request.message)
        let fallback = V1PostTransport(client: client)
        guard message.utf8.count <= Self.maxEncodedMessageBytes else {
            return try await fallback.send(request, to: continuation)
        }
        let httpRequest = client.makeRequest(url: "\(url)?message=\(message)", accept: "text/event-stream")
        let response = try await client.send(httpRequest, timeout: client.replyTimeout)
        switch response.status.code {
        case 200:
            break
        case 405:
            return try await fallback.send(request, to: continuation)
        case 404:
            let body = try? await response.body.collect(upTo: TektonClient.errorBodyLimit)
            let detail = body.flatMap { ServerErrorBody(json: $0.readableBytesView) }?.message
            if detail == "Not Found" {  // FastAPI's answer for a route it does not have
                return try await fallback.send(request, to: continuation)
            }
            throw AishError.unknownSpecialist(name: id, suggestions: [])
        case 503:
            // Rhetor answers 503 for a specialist its health check failed, and keeps
            // that answer for 30 s (POST /api/v1/ai/cache/clear forgets it).
            let failure = await client.failure(for: response, url: url, specialistID: id)
            guard case .specialistUnavailable(_, let detail) = failure else { throw failure }
            throw AishError.specialistUnhealthy(id: id, detail: detail, recheckSeconds: Self.healthCacheSeconds)
        default:
            throw await client.failure(for: response, url: url, specialistID: id)
        }
        guard response.isEventStream else {
            throw AishError.malformedResponse(url: url, detail: "expected an event stream, got another content type")
        }
        try await readReply(
            response, id: id, url: url, heartbeat: heartbeat, into: ReplyEmitter(continuation, transport: .v1Stream))
    }

    private func readReply(
        _ response: HTTPClientResponse, id: String, url: String, heartbeat: ReplyHeartbeat, into emitter: ReplyEmitter
    ) async throws {
        var emitter = emitter
        emitter.start(requestID: nil)
        // Text held back while the reply may still be Rhetor's model-error dict.
        var held: String? = ""
        var heldChunks = 0
        func release() {
            if let text = held, heldChunks > 0 { emitter.append(text, tokens: heldChunks) }
            held = nil
        }
        do {
            for try await events in SSEEventBatches(body: response.body, heartbeat: heartbeat) {
                for event in events {
                    switch try V1StreamEvent(event) {
                    case .chunk(let text):
                        guard var text0 = held else {
                            emitter.append(text)
                            continue
                        }
                        text0 += text
                        held = text0
                        heldChunks += 1
                        if !RhetorModelError.mayBegin(text0) { release() }
                    case .done:
                        if let text = held, let failure = RhetorModelError.message(in: text) {
                            throw AishError.specialistFailed(id: id, code: nil, message: failure)
                        }
                        release()
                        emitter.done(tokensUsed: nil, finishReason: nil)
                        return
                    case .error(let message):
                        release()
                        emitter.end()
                        throw AishError.specialistFailed(id: id, code: nil, message: message)
                    case .unknown:
                        continue
                    }
                }
                emitter.flush()
            }
        } catch let error as WireFormatError {
            release()
            emitter.end()  // the text decoded before the bad event is shown and saved first
            throw AishError.malformedResponse(url: url, detail: error.detail)
        } catch let error as AishError {
            throw error
        } catch {
            release()
            emitter.end()
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            throw AishError.streamInterrupted(id: id, reason: NetworkFailure.reason(for: error))
        }
        release()
        emitter.end()
        throw AishError.streamInterrupted(id: id, reason: "the connection closed before the reply was complete")
    }
}
