/// One call reading a reply's ``EventLog`` and answering it over JSON-RPC.
///
/// Streaming calls first send `stream.start {request, request_id}`, then one
/// `stream.chunk {request, content, chunk_index}` per token, `stream.error` for a
/// recoverable problem and `stream.complete {request, total_chunks, tokens_used}`
/// at the end; the call's result then carries the whole `content` too (PROTOCOL.md
/// §7), unless the call resumed after the first chunk or the text is larger than one
/// message may be. A plain `chat` sends nothing and answers with the whole content.
/// A fatal error answers -32603.
///
/// The chunks that are ready together (a reply generated faster than it is sent)
/// go out as one JSON-RPC batch per frame, up to ``batchBytes``: one write and one
/// frame for the client to read instead of one per token. A paced reply has one
/// chunk ready at a time, and sends each in a frame of its own as it comes.
struct RPCStream: Sendable {
    let connection: RPCConnection
    /// The reader it reads the reply's log with, from where the call asked.
    let lease: ReaderLease
    var log: EventLog { lease.log }
    /// The stream's id in the registry, what `resume` asks for.
    let requestID: String
    /// The id of the call the notifications belong to.
    let call: RPCID
    let numbering: RPCChunkNumbering
    /// Whether to send notifications (a streaming call) or gather the content.
    let notifies: Bool
    /// Cut the connection before the event with this id (the `drop-after` fault).
    let dropBeforeID: Int?

    /// Events taken from the log at once.
    static let readLimit = 512
    /// The most chunk text one batch frame carries, far under the 1 MiB message limit.
    static let batchBytes = 64 * 1024
    /// The largest non-streamed content: what fits one message with its envelope.
    var contentLimit: Int { connection.state.messageSizeLimit - 4096 }

    /// Reads the stream from the chunk after `afterChunk` (where its lease's reader
    /// starts) to its end.
    func run(afterChunk: Int) async -> RPCOutcome {
        guard let reader = lease.take() else {
            return .failure(
                .invalidParams(
                    "Chunks after \(afterChunk) are no longer kept.", data: .object(["code": "RESUME_EXPIRED"])))
        }
        var progress = Progress(nextChunk: afterChunk + 1)
        var batch = ChunkBatch()
        if notifies {
            let start = RPCMessageText.notification(
                "stream.start", params: .object(["request": call.json, "request_id": .string(requestID)])
            )
            guard await connection.trySend(start) else { return leave(reader, clientGone: true) }
        }
        while true {
            switch log.read(reader, limit: Self.readLimit) {
            case .events(let events):
                for event in events {
                    if let dropBeforeID, event.id >= dropBeforeID {
                        _ = await send(&batch)
                        log.removeReader(reader, clientGone: false)
                        connection.dropAbruptly()
                        return .gone
                    }
                    if notifies, case .content(let text) = event.payload {
                        batch.add(RPCMessageText.chunk(request: call, content: text, index: progress.nextChunk))
                        progress.keep(text, limit: contentLimit)
                        progress.nextChunk += 1
                        if batch.bytes >= Self.batchBytes, !(await send(&batch)) {
                            return leave(reader, clientGone: true)
                        }
                        continue
                    }
                    guard await send(&batch) else { return leave(reader, clientGone: true) }
                    if let outcome = await handle(event, &progress, reader: reader) { return outcome }
                }
                guard await send(&batch) else { return leave(reader, clientGone: true) }
            case .nothingYet:
                await log.waitForEvents(reader)
                if Task.isCancelled { return leave(reader, clientGone: true) }
            case .ended:
                log.removeReader(reader, clientGone: false)
                return .failure(
                    .internalError(
                        "The reply stopped before it was complete; the server is stopping.", code: "STREAM_ENDED"))
            }
        }
    }

    /// `stream.chunk` notifications waiting to go out together.
    private struct ChunkBatch {
        var messages: [String] = []
        var bytes = 0

        mutating func add(_ message: String) {
            messages.append(message)
            bytes += message.utf8.count
        }
    }

    /// Sends the waiting chunks, one alone or several as a batch; false when the
    /// client is gone.
    private func send(_ batch: inout ChunkBatch) async -> Bool {
        guard !batch.messages.isEmpty else { return true }
        defer { batch = ChunkBatch() }
        let text = batch.messages.count == 1 ? batch.messages[0] : RPCMessageText.batch(batch.messages)
        return await connection.trySend(text)
    }

    private struct Progress {
        var nextChunk: Int
        var content = ""
        /// Whether `content` holds the whole text so far: false after a resume past the
        /// first chunk, or once the text outgrew one message.
        var contentIsWhole: Bool

        init(nextChunk: Int) {
            self.nextChunk = nextChunk
            self.contentIsWhole = nextChunk == 0
        }

        /// Keeps `text` for the result while the whole text fits in `limit` bytes.
        mutating func keep(_ text: String, limit: Int) {
            guard contentIsWhole else { return }
            content += text
            if content.utf8.count > limit {
                contentIsWhole = false
                content = ""
            }
        }
    }

    /// Handles one event; returns the call's outcome once the stream is over.
    private func handle(_ event: StreamEvent, _ progress: inout Progress, reader: EventLog.Reader) async -> RPCOutcome?
    {
        switch event.payload {
        case .start, .reasoning:
            return nil
        case .content(let text):
            // A streaming call's chunks were batched in run(afterChunk:); this gathers a plain chat's.
            progress.content += text
            guard progress.content.utf8.count <= contentLimit else {
                log.removeReader(reader, clientGone: true)
                return .failure(
                    .internalError(
                        "The reply is larger than one message may be (\(contentLimit + 4096) bytes); ask with \"stream\": true.",
                        code: "REPLY_TOO_LARGE"
                    ))
            }
            progress.nextChunk += 1
            return nil
        case .error(recoverable: true, let code, let message):
            guard notifies else { return nil }
            let notice = RPCMessageText.notification(
                "stream.error",
                params: .object([
                    "request": call.json, "code": .string(code), "message": .string(message),
                    "recoverable": .bool(true), "after_chunk": .int(progress.nextChunk - 1),
                ]))
            guard await connection.trySend(notice) else { return leave(reader, clientGone: true) }
            return nil
        case .error(recoverable: false, let code, let message):
            log.removeReader(reader, clientGone: false)
            return .failure(.internalError(message, code: code))
        case .done(let tokensUsed, let finishReason):
            log.removeReader(reader, clientGone: false)
            return await finish(tokensUsed: tokensUsed, finishReason: finishReason, progress)
        }
    }

    private func finish(tokensUsed: Int, finishReason: String, _ progress: Progress) async -> RPCOutcome {
        guard notifies else {
            return .result(
                .object([
                    "content": .string(progress.content), "tokens_used": .int(tokensUsed),
                    "finish_reason": .string(finishReason), "request_id": .string(requestID),
                ]))
        }
        let complete = RPCMessageText.notification(
            "stream.complete",
            params: .object([
                "request": call.json, "total_chunks": .int(progress.nextChunk), "tokens_used": .int(tokensUsed),
            ]))
        guard await connection.trySend(complete) else { return .gone }
        var result: [JSONValue.Member] = []
        if progress.contentIsWhole { result.append(.init(name: "content", value: .string(progress.content))) }
        result += [
            .init(name: "tokens_used", value: .int(tokensUsed)), .init(name: "request_id", value: .string(requestID)),
            .init(name: "total_chunks", value: .int(progress.nextChunk)),
            .init(name: "finish_reason", value: .string(finishReason)),
        ]
        return .result(.object(result))
    }

    /// Stops reading because the client went away or cancelled: the generation
    /// stops after its grace period unless someone resumes.
    private func leave(_ reader: EventLog.Reader, clientGone: Bool) -> RPCOutcome {
        log.removeReader(reader, clientGone: clientGone)
        return .gone
    }
}
