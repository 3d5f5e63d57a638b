import Hummingbird

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The mock's OpenAI-compatible API: `GET /v1/models` and `POST /v1/chat/completions`,
/// streaming or not, with the specialists' deterministic replies (see
/// ``OpenAIMockModels``) and errors in OpenAI's shape.
///
/// When the mock has tokens, both routes need one as the API key (401 otherwise);
/// the request rate limit and the `rate-limited=N` fault answer 429 with
/// `Retry-After`, as does a stream over the client's limit of streams. Faults: `unavailable` answers 503; `fatal-at=1` fails the request
/// with 500 before any reply (as a model that will not load does), a later
/// `fatal-at` ends the stream in an error event (a whole reply fails with 500);
/// `drop-after`, pacing and `first-token-delay` work as on v2.
struct OpenAIRoutes: Sendable {
    let state: MockServerState

    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/v1/models") { request, context in
            answering { () throws(OpenAIMockError) -> Response in
                try admit(request, context: context)
                return Response.json(Self.modelList)
            }
        }
        router.post("/v1/chat/completions") { request, context in
            do {
                try admit(request, context: context)
                let faults = try faults(for: request)
                var request = request
                let body = try await request.collectBody(upTo: state.bodyLimit)
                let chat = try OpenAIMockRequest.parse(Array(buffer: body), sizeLimit: state.messageSizeLimit)
                return try complete(
                    chat, faults: faults, client: Credentials.clientKey(request: request, channel: context.channel))
            } catch {
                return Self.response(for: error)
            }
        }
    }

    /// `{"object": "list", "data": [{"id", "object": "model", "created", "owned_by"}]}`.
    static let modelList: JSONValue = .object([
        "object": "list",
        "data": .array(
            OpenAIMockModels.all.map { model in
                .object([
                    "id": .string(model.id), "object": "model", "created": .int(OpenAIMockModels.created),
                    "owned_by": "aish-mock",
                ])
            }),
    ])

    private func complete(_ chat: OpenAIMockRequest, faults: FaultPlan, client: String) throws(OpenAIMockError)
        -> Response
    {
        if faults.refusesStreamOptions, chat.sentStreamOptions {
            throw .invalidRequest(
                "Validation error at #/stream_options: Extra inputs are not permitted", param: "stream_options")
        }
        if faults.refusesMaxTokens, chat.sentMaxTokens {
            throw OpenAIMockError(
                status: .badRequest,
                message: "Unsupported parameter: 'max_tokens' is not supported with this model. "
                    + "Use 'max_completion_tokens' instead.",
                type: "invalid_request_error", param: "max_tokens", code: "unsupported_parameter")
        }
        guard let specialist = OpenAIMockModels.specialist(for: chat.model) else { throw .modelNotFound(chat.model) }
        guard specialist.healthy && !faults.unavailable else { throw .overloaded(chat.model) }
        if state.security.faultRefuses(faults) { throw .rateLimited(retryAfter: 1, headers: [:]) }
        var reply = Reply(specialist: specialist, message: chat.echoed, maxTokens: chat.maxTokens)
        reply.thinks = chat.echoed.contains(Reply.thinkMarker)
        let created = Int(Date().timeIntervalSince1970)
        if let fatal = faults.fatalErrorAt, fatal <= 1 || !chat.stream { throw .upstreamFailed }
        guard chat.stream else { return Self.completion(reply, chat: chat, created: created) }
        let release = try takeStreamSlot(for: client)
        let (requestID, _, lease) = state.streams.start(
            reply: reply, faults: faults, pacing: state.pacing(for: faults),
            // No route resumes an OpenAI stream by id: it needs no owner, and is not kept.
            grace: .clampedSeconds(state.configuration.cancellationGrace), owner: nil, resumable: false)
        let stream = OpenAIMockStream(
            lease: lease,
            chunks: OpenAIMockChunks(id: Self.completionID(requestID), model: chat.model, created: created),
            usagePromptTokens: chat.includeUsage ? chat.promptTokens : nil, dropBeforeID: faults.dropAfterEvents,
            keepAliveInterval: keepAliveInterval)
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody { writer in
                defer { release() }
                try await stream.write(to: &writer)
            })
    }

    /// Takes one of `client`'s stream slots when streams are limited, and returns
    /// what gives it back; 429 when the client has none left.
    private func takeStreamSlot(for client: String) throws(OpenAIMockError) -> @Sendable () -> Void {
        guard let slots = state.security.streams else { return {} }
        guard slots.acquire(for: client) else {
            throw OpenAIMockError(
                status: .tooManyRequests,
                message: "Too many streams at once (at most \(slots.limit) per client); wait for one to finish.",
                type: "requests", code: "too_many_streams", headers: [.retryAfter: "1"])
        }
        return { slots.release(for: client) }
    }

    /// A whole reply: `{"id", "object": "chat.completion", "choices": [{"message"}], "usage"}`.
    private static func completion(_ reply: Reply, chat: OpenAIMockRequest, created: Int) -> Response {
        var text = ""
        var count = 0
        for token in reply.tokens() {
            text += token
            count += 1
        }
        var message: [JSONValue.Member] = [.init(name: "role", value: "assistant")]
        let thoughts = reply.thoughts().joined()
        if !thoughts.isEmpty {
            message.append(.init(name: "reasoning_content", value: .string(thoughts)))
        }
        message.append(.init(name: "content", value: .string(text)))
        let choice: JSONValue = .object([
            "index": .int(0), "message": .object(message),
            "finish_reason": .string(reply.finishReason),
        ])
        return .json(
            .object([
                "id": .string(completionID(StreamRegistry.makeRequestID())), "object": "chat.completion",
                "created": .int(created), "model": .string(chat.model), "choices": .array([choice]),
                "usage": OpenAIMockChunks.usage(prompt: chat.promptTokens, completion: count),
            ]))
    }

    /// Lets the request in, or throws 401 (no or wrong key) or 429 (over the rate).
    private func admit(_ request: Request, context: MockContext) throws(OpenAIMockError) {
        let security = state.security
        if security.credentials.required {
            guard let key = Credentials.bearerToken(of: request), security.credentials.accepts(key) else {
                throw .invalidKey
            }
        }
        guard let limiter = security.requests else { return }
        let decision = limiter.take(for: Credentials.clientKey(request: request, channel: context.channel))
        guard decision.allowed else { throw .rateLimited(retryAfter: decision.retryAfter, headers: decision.headers) }
    }

    private func faults(for request: Request) throws(OpenAIMockError) -> FaultPlan {
        do {
            return try state.faults(for: request)
        } catch {
            throw .invalidRequest(error.message)
        }
    }

    private var keepAliveInterval: Duration {
        let seconds = state.configuration.keepAliveInterval
        return seconds.isFinite && seconds > 0 ? .seconds(seconds) : .seconds(15)
    }

    /// `chatcmpl-` and the request id's hex digits.
    private static func completionID(_ requestID: String) -> String {
        "chatcmpl-" + requestID.dropFirst("req_".count)
    }

    /// Any error as an OpenAI error response (the v2 error middleware would give
    /// framework errors the v2 shape).
    private static func response(for error: any Error) -> Response {
        switch error {
        case let error as OpenAIMockError: error.response
        case let error as any HTTPResponseError: OpenAIMockError.http(error.status).response
        default:
            OpenAIMockError(status: .internalServerError, message: "Internal error.", type: "server_error").response
        }
    }

    private func answering(_ body: () throws(OpenAIMockError) -> Response) -> Response {
        do {
            return try body()
        } catch {
            return error.response
        }
    }
}
