import AsyncHTTPClient
import NIOCore

/// Chat with the models of an OpenAI-compatible server (`POST {base}/chat/completions`),
/// streamed as server-sent events or, when `streams` is false, answered whole.
///
/// One transport serves every model of its ``OpenAIEndpoint``: a request's
/// `specialistID` names the model, with or without the provider's prefix
/// (`local/llama3.1` or `llama3.1`). These servers keep no conversation, so each
/// request carries the system message (the request's, else the model's in
/// ``systemPrompts``, else ``system``) and the request's ``ChatRequest/earlierTurns``
/// in front of the new message.
///
/// The stream yields `.started` (with the completion's id), the text (coalesced per
/// network read, one token per chunk), a notice when the reply was cut off at the
/// token limit (`finish_reason: length`), and `.done` with the tokens of the usage
/// chunk. An error event throws ``AishError/specialistFailed(id:code:message:)``; a
/// body that ends before `[DONE]` (or a `finish_reason`),
/// ``AishError/streamInterrupted(id:reason:)``; error statuses map as
/// ``OpenAIFailure`` says. Wrap it with ``waitingOutRateLimits()`` to retry 429s.
///
/// A server that refuses a field of the request (400 or 422 naming it) gets it again
/// as ``OpenAIRequestAdjustments`` says, and so does every later request from this
/// transport: without `stream_options` (its replies then count tokens by chunk), or
/// with `max_completion_tokens` for `max_tokens`.
public struct OpenAIChatTransport: ChatTransport {
    /// The kind reported in `.started`.
    public static let reportedKind: TransportKind = .openAI

    /// The kind reported in `.started`.
    public var kind: TransportKind { Self.reportedKind }

    /// The server.
    public let endpoint: OpenAIEndpoint
    /// The system message sent first, if any (`--system`, or the provider's `system:`).
    public var system: String?
    /// A system message per model id, over ``system``.
    public var systemPrompts: [String: String] = [:]
    /// Whether replies stream (`stream: true`); otherwise each arrives whole.
    public var streams: Bool
    /// What the server refused so far: shared by the copies of this transport, so a
    /// shell asks the right way from then on.
    private let adjustments = LockedBox(OpenAIRequestAdjustments())

    /// Creates a transport for `endpoint`'s models.
    public init(
        endpoint: OpenAIEndpoint, system: String? = nil, streams: Bool = true
    ) {
        self.endpoint = endpoint
        self.system = system
        self.streams = streams
    }

    /// The model id a request names: its `specialistID` without this provider's prefix.
    public func model(for request: ChatRequest) -> String {
        let prefix = endpoint.name + "/"
        let id = request.specialistID
        return id.hasPrefix(prefix) ? String(id.dropFirst(prefix.count)) : id
    }

    /// These servers keep no conversation: every request carries it.
    public func takesEarlierTurns(for specialistID: String) -> Bool { true }

    /// Sends `request` and streams the reply.
    public func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        let model = model(for: request)
        let turns = request.earlierTurns.map {
            OpenAIChatMessage(role: $0.role == .user ? .user : .assistant, content: $0.content)
        }
        let body = OpenAIChatRequest(
            model: model, chat: request, system: request.system ?? systemPrompts[model] ?? system,
            history: turns, stream: streams)
        return stream(body, shownAs: request.specialistID)
    }

    /// Sends a request built in full and streams the reply; `shownAs` names the model
    /// in errors (`local/llama3.1`).
    public func stream(_ request: OpenAIChatRequest, shownAs: String) -> AsyncThrowingStream<ChatEvent, any Error> {
        .producing(on: endpoint.readerExecutor) { continuation in
            try await run(request, shownAs: shownAs, continuation: continuation)
        }
    }

    /// This transport, waiting out rate limits (HTTP 429, honouring `Retry-After`)
    /// as the endpoint's ``OpenAIEndpoint/rateLimitPolicy`` says.
    public func waitingOutRateLimits() -> any ChatTransport {
        RateLimitRetry(base: self, policy: endpoint.rateLimitPolicy)
    }

    private func run(_ request: OpenAIChatRequest, shownAs: String, continuation: ReplyOutlet)
        async throws
    {
        guard request.messages.last.map({ $0.content.contains { !$0.isWhitespace } }) ?? false else {
            throw AishError.emptyMessage
        }
        let url = endpoint.url("/chat/completions")
        var request = request
        var known = adjustments.withLock { $0 }
        known.apply(to: &request)
        var response = try await send(request, to: url)
        while [400, 422].contains(response.status.code) {
            let body = try? await response.body.collect(upTo: OpenAIEndpoint.errorBodyLimit)
            guard let body, let learnt = known.learning(from: body.readableBytesView, refusing: request) else {
                throw OpenAIFailure.error(
                    status: Int(response.status.code), retryAfter: nil, body: body, url: url, endpoint: endpoint,
                    model: request.model, shownAs: shownAs)
            }
            known = learnt
            adjustments.withLock { $0 = learnt }
            known.apply(to: &request)
            response = try await send(request, to: url)
        }
        guard response.status.code == 200 else {
            throw await OpenAIFailure.error(
                for: response, url: url, endpoint: endpoint, model: request.model, shownAs: shownAs)
        }
        var emitter = ReplyEmitter(continuation, transport: kind)
        if request.stream && response.isEventStream {
            try await OpenAIStreamReader(endpoint: endpoint, url: url, shownAs: shownAs).read(
                response.body, into: &emitter)
        } else {
            let body = try await endpoint.collect(response, url: url)
            let completion = try OpenAICompletion(json: body.readableBytesView, url: url)
            emitter.start(requestID: completion.id)
            // Thinking written inline, `<think>…</think>` first, the emitter splits off.
            if let thinking = completion.reasoning, !thinking.isEmpty {
                emitter.appendReasoning(OpenAIServerText.reply(thinking))
            }
            if let text = completion.content, !text.isEmpty { emitter.append(OpenAIServerText.reply(text)) }
            OpenAIStreamReader.finish(
                finishReason: completion.finishReason, usage: completion.usage, emitter: &emitter)
        }
    }

    private func send(_ request: OpenAIChatRequest, to url: String) async throws -> HTTPClientResponse {
        var http = endpoint.makeRequest(
            url: url, method: .POST, accept: request.stream ? "text/event-stream" : "application/json")
        http.headers.add(name: "Content-Type", value: "application/json")
        http.body = .bytes(ByteBuffer(bytes: try request.jsonBytes()))
        return try await endpoint.send(http, timeout: OpenAIEndpoint.replyTimeout)
    }
}
