import Hummingbird
import NIOCore

/// One HTTP connection writing a reply's ``EventLog`` as an OpenAI chat-completions
/// stream: the mock's generation (pacing, faults, cancellation) with OpenAI's events.
///
/// The log's `start` becomes the role-only delta, each `reasoning` a chunk with
/// `reasoning_content` (as vLLM, llama.cpp and DeepSeek send a model's thinking; a
/// reply that ``Reply/thinksInline`` has it in its content instead),
/// each `content` a token chunk, a
/// fatal `error` an `{"error": …}` event that ends the stream, and `done` the finish
/// chunk, the usage chunk (when asked for) and `[DONE]`. Recoverable errors have no
/// OpenAI form and are left out. Writes are coalesced like ``SSEConnection``'s.
struct OpenAIMockStream: Sendable {
    /// The reader it reads the reply's log with, registered when the stream started.
    let lease: ReaderLease
    let chunks: OpenAIMockChunks
    /// Prompt tokens for the usage chunk, or nil when it was not asked for.
    let usagePromptTokens: Int?
    /// Close abruptly before the log event with this id (the `drop-after` fault).
    let dropBeforeID: Int?
    /// Idle time before a `: keep-alive` comment, which also notices a client gone.
    let keepAliveInterval: Duration

    /// Writes the stream until it ends, the client goes away or the drop fault fires.
    func write(to writer: inout any ResponseBodyWriter) async throws {
        let log = lease.log
        guard let reader = lease.take() else {
            try await writer.finish(nil)
            return
        }
        var pending = ""
        pending.reserveCapacity(SSEConnection.flushThreshold + 1024)
        do {
            while true {
                switch log.read(reader, limit: SSEConnection.readLimit) {
                case .events(let events):
                    for event in events {
                        if let dropBeforeID, event.id >= dropBeforeID {
                            try await flush(&pending, to: &writer)
                            log.removeReader(reader, clientGone: false)
                            throw SSEConnection.InjectedDrop()
                        }
                        append(event, to: &pending)
                        if pending.utf8.count >= SSEConnection.flushThreshold { try await flush(&pending, to: &writer) }
                    }
                case .nothingYet:
                    try await flush(&pending, to: &writer)
                    if await !log.waitForEvents(reader, timeout: keepAliveInterval) {
                        pending += StreamEvent.keepAliveComment
                        try await flush(&pending, to: &writer)
                    }
                case .ended:
                    try await flush(&pending, to: &writer)
                    log.removeReader(reader, clientGone: false)
                    try await writer.finish(nil)
                    return
                }
            }
        } catch let drop as SSEConnection.InjectedDrop {
            throw drop
        } catch {
            log.removeReader(reader, clientGone: true)
            throw error
        }
    }

    private func append(_ event: StreamEvent, to output: inout String) {
        switch event.payload {
        case .start:
            chunks.writeRole(to: &output)
        case .content(let text):
            chunks.writeContent(text, to: &output)
        case .reasoning(let text):
            chunks.writeReasoning(text, to: &output)
        case .error(recoverable: true, _, _):
            break
        case .error(recoverable: false, _, _):
            output += OpenAIMockError.upstreamFailed.event
        case .done(let tokensUsed, let finishReason):
            chunks.writeFinish(finishReason, to: &output)
            if let usagePromptTokens {
                chunks.writeUsage(
                    OpenAIMockChunks.usage(prompt: usagePromptTokens, completion: tokensUsed), to: &output)
            }
            output += OpenAIMockChunks.done
        }
    }

    private func flush(_ pending: inout String, to writer: inout any ResponseBodyWriter) async throws {
        guard !pending.isEmpty else { return }
        try await writer.write(ByteBuffer(string: pending))
        pending.removeAll(keepingCapacity: true)
    }
}
