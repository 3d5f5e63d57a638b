import AsyncHTTPClient

/// Chat over v2 server-sent events (`POST /api/v2/ai/{id}/stream`, PROTOCOL.md §3),
/// resuming the stream when the connection drops.
///
/// `start` yields `.started` with the request id, `content` yields text (coalesced
/// per network read), a recoverable `error` yields `.notice`, a fatal one throws
/// ``AishError/specialistFailed(id:code:message:)`` and `done` yields `.done`.
///
/// When the connection ends or fails before `done`, the transport reconnects with
/// `GET /api/v2/ai/{id}/stream/{request_id}` and `Last-Event-ID`, as `resumePolicy`
/// allows, and skips any replayed event it already handled, so the text is the same
/// as that of an undisturbed stream. When it cannot resume, the reply ends with
/// ``AishError/streamInterrupted(id:reason:)`` after the text received so far.
public struct V2SSETransport: ChatTransport {
    /// Always ``TransportKind/sse``.
    public var kind: TransportKind { .sse }

    private let client: TektonClient
    private let resumePolicy: ResumePolicy

    /// Creates the transport for `client`'s server.
    public init(client: TektonClient, resumePolicy: ResumePolicy = .default) {
        self.client = client
        self.resumePolicy = resumePolicy
    }

    /// Sends `request` and streams the reply.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing(on: client.readerExecutor) { continuation in
            try request.validate()
            try await client.timeouts.watch(request.specialistID) { heartbeat in
                try await run(request, heartbeat: heartbeat, continuation: continuation)
            }
        }
    }

    /// What one connection learned that a reconnection needs.
    private struct Progress {
        var requestID: String?
        /// The id of the last event handled, sent as `Last-Event-ID`.
        var lastEventID: String?
    }

    private func run(_ request: ChatRequest, heartbeat: ReplyHeartbeat, continuation: ReplyOutlet)
        async throws
    {
        var emitter = ReplyEmitter(continuation, transport: .sse)
        do {
            try await run(request, heartbeat: heartbeat, emitter: &emitter)
        } catch {
            emitter.end()  // the text held back to look for inline thinking's tags is shown and saved too
            throw error
        }
    }

    /// Sends the request and reads the reply, resuming the stream when it breaks.
    private func run(_ request: ChatRequest, heartbeat: ReplyHeartbeat, emitter: inout ReplyEmitter) async throws {
        let id = request.specialistID
        let url = client.url("/api/v2/ai/\(PercentEncoding.encode(id))/stream")
        var progress = Progress()

        let opening = client.makeJSONRequest(url: url, json: Body(request).json, accept: "text/event-stream")
        let response = try await client.send(opening, timeout: client.replyTimeout)
        guard response.status.code == 200 else {
            throw await client.failure(for: response, url: url, specialistID: id)
        }
        var cutOff = try await read(response, url: url, id: id, skipThrough: nil, heartbeat, &progress, &emitter)

        var attempt = 0
        while let reason = cutOff {
            attempt += 1
            guard let requestID = progress.requestID else {
                throw AishError.streamInterrupted(
                    id: id, reason: "\(reason); the server gave no request id to resume with")
            }
            guard attempt <= resumePolicy.maxAttempts else {
                let tries =
                    resumePolicy.maxAttempts == 1 ? "1 reconnection" : "\(resumePolicy.maxAttempts) reconnections"
                throw AishError.streamInterrupted(id: id, reason: "\(reason); gave up after \(tries)")
            }
            try await Task.sleep(for: resumePolicy.delay(beforeAttempt: attempt))
            cutOff = try await resume(requestID: requestID, id: id, heartbeat, &progress, &emitter)
        }
    }

    /// Reconnects to the stream; returns why it broke again, or `nil` once it is done.
    private func resume(
        requestID: String,
        id: String,
        _ heartbeat: ReplyHeartbeat,
        _ progress: inout Progress,
        _ emitter: inout ReplyEmitter
    ) async throws -> String? {
        let url = client.url("/api/v2/ai/\(PercentEncoding.encode(id))/stream/\(PercentEncoding.encode(requestID))")
        var request = client.makeRequest(url: url, accept: "text/event-stream")
        if let lastEventID = progress.lastEventID {
            request.headers.add(name: "Last-Event-ID", value: lastEventID)
        }
        let response: HTTPClientResponse
        do {
            response = try await client.send(request, timeout: client.replyTimeout)
        } catch AishError.serverUnreachable(_, let reason) {
            return reason
        }
        switch response.status.code {
        case 200:
            let skipThrough = progress.lastEventID.flatMap { Int($0) }
            return try await read(response, url: url, id: id, skipThrough: skipThrough, heartbeat, &progress, &emitter)
        case 404, 410:
            throw AishError.streamInterrupted(
                id: id,
                reason: "the server no longer has the stream to resume (HTTP \(response.status.code))"
            )
        default:
            _ = try? await response.body.collect(upTo: TektonClient.errorBodyLimit)
            return "HTTP \(response.status.code) when reconnecting"
        }
    }

    /// Handles one connection's events; returns why it ended early, or `nil` after
    /// `done`. Events numbered `skipThrough` or lower were handled before a reconnection.
    private func read(
        _ response: HTTPClientResponse,
        url: String,
        id: String,
        skipThrough: Int?,
        _ heartbeat: ReplyHeartbeat,
        _ progress: inout Progress,
        _ emitter: inout ReplyEmitter
    ) async throws -> String? {
        guard response.isEventStream else {
            throw AishError.malformedResponse(url: url, detail: "expected an event stream, got another content type")
        }
        do {
            let events = SSEEventBatches<V2EventList>(body: response.body, heartbeat: heartbeat)
            for try await batch in events {
                for event in batch {
                    if let skipThrough, let number = event.id.flatMap({ Int($0) }), number <= skipThrough { continue }
                    if let eventID = event.id { progress.lastEventID = eventID }
                    switch try event.event.get() {
                    case .start(let requestID):
                        progress.requestID = progress.requestID ?? requestID
                        emitter.start(requestID: requestID)
                    case .content(let text):
                        emitter.append(text)
                    case .error(let code, let message, recoverable: true):
                        emitter.notice(code: code ?? "ERROR", message: message)
                    case .error(let code, let message, recoverable: false):
                        emitter.flush()
                        throw AishError.specialistFailed(id: id, code: code, message: message)
                    case .done(let tokensUsed, let finishReason):
                        emitter.done(tokensUsed: tokensUsed, finishReason: finishReason)
                        return nil
                    case .unknown:
                        continue
                    }
                }
                emitter.flush()
            }
        } catch let error as WireFormatError {
            emitter.flush()  // the text decoded before the bad event is shown and saved first
            throw AishError.malformedResponse(url: url, detail: error.detail)
        } catch let error as AishError {
            throw error
        } catch {
            emitter.flush()
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            return NetworkFailure.reason(for: error)
        }
        return "the connection closed before the reply was complete"
    }

    /// The request body (PROTOCOL.md §3).
    /// The request's JSON (PROTOCOL.md §3), written by hand: `JSONEncoder`'s first use
    /// cost a one-shot chat more than the rest of its request.
    private struct Body {
        var message: String
        var sessionID: String?
        var temperature: Double?
        var maxTokens: Int?

        init(_ request: ChatRequest) {
            message = request.message
            sessionID = request.sessionID
            temperature = request.temperature
            maxTokens = request.maxTokens
        }

        var json: String {
            var members = [FlatJSONObject.Member(key: "message", value: .string(message))]
            if let sessionID { members.append(.init(key: "session_id", value: .string(sessionID))) }
            if let temperature { members.append(.init(key: "temperature", value: .number(temperature))) }
            if let maxTokens { members.append(.init(key: "max_tokens", value: .number(Double(maxTokens)))) }
            return JSONRPCText.object(members)
        }
    }
}
