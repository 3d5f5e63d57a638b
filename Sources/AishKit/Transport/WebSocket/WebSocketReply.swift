/// One request's reply over a ``WebSocketTransport``: the `chat` call, and the
/// `resume` calls that continue it after lost connections.
struct WebSocketReply {
    private let request: ChatRequest
    private let transport: WebSocketTransport
    private var emitter: ReplyEmitter
    /// The server's id for the stream (from `stream.start`), what `resume` needs.
    private var streamID: String?
    /// The index of the last chunk yielded; -1 before the first.
    private var lastChunk = -1
    /// Recoverable errors already shown, by position and code, so a replay does not repeat them.
    private var noticesShown: Set<String> = []
    private var tokensUsed: Int?

    init(request: ChatRequest, transport: WebSocketTransport, continuation: ReplyOutlet) {
        self.request = request
        self.transport = transport
        self.emitter = ReplyEmitter(continuation, transport: .websocket)
    }

    /// How one call ended.
    private enum Ending {
        case done
        case lost(reason: String)
    }

    /// Runs the reply to its end.
    mutating func run() async throws {
        do {
            try await runCalls()
        } catch {
            emitter.end()  // the text held back to look for inline thinking's tags is shown and saved too
            throw error
        }
    }

    /// Makes the `chat` call, and `resume` calls while its connections are lost.
    private mutating func runCalls() async throws {
        try request.validate()
        let id = request.specialistID
        let connection = try await transport.connection(for: id)
        var ending = try await exchange(on: connection, method: "chat", params: chatParams, resuming: false)
        let policy = transport.options.resumePolicy
        var attempt = 0
        while case .lost(let reason) = ending {
            attempt += 1
            guard streamID != nil || nothingReceived else {
                throw AishError.streamInterrupted(
                    id: id, reason: "\(reason); the server gave no request id to resume with")
            }
            guard attempt <= policy.maxAttempts else {
                let tries = policy.maxAttempts == 1 ? "1 reconnection" : "\(policy.maxAttempts) reconnections"
                throw AishError.streamInterrupted(id: id, reason: "\(reason); gave up after \(tries)")
            }
            try await Task.sleep(for: policy.jitteredDelay(beforeAttempt: attempt))
            let next: WebSocketConnection
            do {
                next = try await transport.connection(for: id)
            } catch AishError.serverUnreachable(_, let why) {
                ending = .lost(reason: why)
                continue
            }
            guard let streamID else {
                // Nothing arrived at all, so asking again from scratch loses and repeats nothing.
                ending = try await exchange(on: next, method: "chat", params: chatParams, resuming: false)
                continue
            }
            let params = FlatJSONObject.Value.object([
                "request": .string(streamID), "after_chunk": .number(Double(lastChunk)),
            ])
            ending = try await exchange(on: next, method: "resume", params: params, resuming: true)
        }
    }

    /// Whether the call has shown nothing yet (no text, no notice).
    private var nothingReceived: Bool {
        lastChunk < 0 && noticesShown.isEmpty
    }

    private var chatParams: FlatJSONObject.Value {
        .object([
            "message": .string(request.message),
            "stream": .bool(true),
            "session_id": request.sessionID.map { .string($0) },
            "temperature": request.temperature.map { .number($0) },
            "max_tokens": request.maxTokens.map { .number(Double($0)) },
        ])
    }

    /// Makes one call and handles what arrives for it until its response or the
    /// loss of the connection.
    private mutating func exchange(
        on connection: WebSocketConnection,
        method: String,
        params: FlatJSONObject.Value,
        resuming: Bool
    ) async throws -> Ending {
        let callID: JSONRPCID
        let inbox: WebSocketCallInbox
        do {
            (callID, inbox) = try await connection.startCall(
                method, params: params, limit: transport.options.maxMessageSize)
        } catch WebSocketConnectionError.lost(let reason) {
            return .lost(reason: reason)
        } catch let error as WebSocketConnectionError {
            throw transport.aishError(error, specialistID: request.specialistID)
        }
        // The first-answer and silence bounds: one watch per call, not a timer per message.
        let timeouts = transport.options.timeouts
        let watch = Task { await inbox.watch(first: timeouts.firstAnswer, then: timeouts.silence) }
        defer { watch.cancel() }
        while true {
            let items = await inbox.next()
            if Task.isCancelled {
                connection.cancel(callID)
                throw CancellationError()
            }
            for item in items {
                let ending: Ending?
                do {
                    ending = try handle(item, resuming: resuming)
                } catch {
                    if case .silent = item { connection.cancel(callID) }  // the server may still be at it
                    emitter.flush()  // what arrived before the bad item is shown and saved first
                    throw error
                }
                if let ending {
                    if case .done = ending {} else { connection.forget(callID) }
                    return ending
                }
            }
            emitter.flush()
        }
    }

    /// Handles one item; returns how the call ended once it has.
    private mutating func handle(_ item: WebSocketCallInbox.Item, resuming: Bool) throws -> Ending? {
        switch item {
        case .notification(let method, let params):
            try notification(method, params)
            return nil
        case .chunks(let run):
            let last = run.next - 1
            guard last > lastChunk else { return nil }  // replayed after a resume: already shown
            guard run.first <= lastChunk + 1 else {
                throw AishError.streamInterrupted(
                    id: request.specialistID, reason: "chunks \(lastChunk + 1) to \(run.first - 1) never arrived")
            }
            emitter.append(String(run.text(from: lastChunk + 1)), tokens: last - lastChunk)
            lastChunk = last
            return nil
        case .response(.success(let result)):
            let object = try chatResult(result)
            if lastChunk < 0, let content = object.string("content"), !content.isEmpty {
                emitter.append(content)  // a server that answered without streaming
            }
            emitter.done(
                tokensUsed: object.int("tokens_used") ?? tokensUsed, finishReason: object.string("finish_reason"))
            return .done
        case .response(.failure(let error)):
            emitter.flush()
            if resuming && (error.code == .invalidParams || error.code == .methodNotFound) {
                throw AishError.streamInterrupted(
                    id: request.specialistID, reason: "the server cannot resume the reply (\(error.message))"
                )
            }
            throw error.aishError(
                specialistID: request.specialistID, url: transport.client.baseURL,
                hasToken: transport.client.token != nil)
        case .connectionLost(let reason):
            emitter.flush()
            return .lost(reason: reason)
        case .unreadable(let detail):
            emitter.flush()
            throw AishError.malformedResponse(
                url: transport.client.webSocketURL(for: request.specialistID), detail: detail)
        case .silent(let reason):
            throw AishError.streamInterrupted(id: request.specialistID, reason: reason)
        }
    }

    private mutating func notification(_ method: String, _ params: FlatJSONObject) throws {
        switch method {
        case "stream.start":
            streamID = streamID ?? params.string("request_id")
            emitter.start(requestID: streamID)
        case "stream.chunk":
            guard let index = params.int("chunk_index"), let text = params.string("content") else {
                throw malformed("a stream.chunk without a \"content\" string and a \"chunk_index\"")
            }
            guard index > lastChunk else { return }  // replayed after a resume: already shown
            guard index == lastChunk + 1 else {
                throw AishError.streamInterrupted(
                    id: request.specialistID, reason: "chunks \(lastChunk + 1) to \(index - 1) never arrived"
                )
            }
            emitter.append(text)
            lastChunk = index
        case "stream.error":
            let code = params.string("code") ?? "ERROR"
            let message = params.string("message") ?? "the server reported a problem"
            guard params.bool("recoverable") ?? true else { return }  // a fatal one also ends the call with an error
            let position = params.int("after_chunk") ?? lastChunk
            guard noticesShown.insert("\(position) \(code)").inserted else { return }
            emitter.notice(code: code, message: message)
        case "stream.complete":
            tokensUsed = params.int("tokens_used")
        default:
            return
        }
    }

    /// The `chat` (or `resume`) result, checked: an object whose `content` and
    /// `finish_reason`, when present and not null, are strings and whose `tokens_used` is a
    /// whole number, so a result the client cannot read is never taken for an
    /// empty reply.
    private func chatResult(_ result: FlatJSONObject.Value) throws -> FlatJSONObject {
        guard let object = result.object else {
            throw malformed("the chat result is \(Self.kind(of: result)), not an object")
        }
        for key in ["content", "finish_reason"] {
            guard let value = object[key], value != .null, object.string(key) == nil else { continue }
            throw malformed("the chat result's \"\(key)\" is \(Self.kind(of: value)), not a string")
        }
        if let value = object["tokens_used"], value != .null, object.int("tokens_used").map({ $0 >= 0 }) != true {
            throw malformed("the chat result's \"tokens_used\" is not a whole number of tokens")
        }
        return object
    }

    /// A JSON value's type in words, for messages (never its content).
    private static func kind(of value: FlatJSONObject.Value) -> String {
        switch value {
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        case .nested(let text): text.hasPrefix("[") ? "an array" : "an object"
        }
    }

    private func malformed(_ detail: String) -> AishError {
        .malformedResponse(url: transport.client.webSocketURL(for: request.specialistID), detail: detail)
    }
}
