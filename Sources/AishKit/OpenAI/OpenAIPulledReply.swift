import AsyncHTTPClient
import NIOCore

/// What an OpenAI-compatible server answered a chat request with, once its status was 200.
enum OpenAIAnswer: Sendable {
    /// A stream of chunks, to read as it comes.
    case streamed(HTTPClientResponse.Body, OpenAIStreamReader)
    /// The whole reply in one object.
    case whole(OpenAICompletion)
}

/// The events of one reply, read on the task of whoever reads them: the body is decoded
/// on the reader's own `next()`, with no task in between that would have to wake the
/// reader for every network read (~1.2 ms of a 20,000-token reply; BENCHMARKS.md,
/// fourteenth session). The request itself goes out at once, in `answer`.
///
/// Events read before an error are handed out before the error. Dropping the stream
/// cancels the request.
///
/// Unchecked: `AsyncThrowingStream(unfolding:)` calls `next` for its one reader, one
/// call at a time, so nothing here is ever touched by two tasks at once.
final class OpenAIPulledReply: @unchecked Sendable {
    private enum State {
        case answering(Task<OpenAIAnswer, any Error>)
        case reading(HTTPClientResponse.Body.AsyncIterator, OpenAIStreamReader, OpenAIStreamDecoder)
        case ended
    }

    /// Events emitted and not read yet, oldest first.
    private final class Queue {
        var events: [ChatEvent] = []
        var read = 0

        func pop() -> ChatEvent? {
            guard read < events.count else { return nil }
            defer {
                read += 1
                if read == events.count {
                    events.removeAll(keepingCapacity: true)
                    read = 0
                }
            }
            return events[read]
        }
    }

    private var state: State
    private let queue = Queue()
    private var emitter: ReplyEmitter
    /// The error the reply ends in, thrown once the events before it are read.
    private var failure: (any Error)?

    /// The reply to the request `answer` is sending, as a stream.
    static func stream(_ answer: Task<OpenAIAnswer, any Error>, kind: TransportKind)
        -> AsyncThrowingStream<ChatEvent, any Error>
    {
        let reply = OpenAIPulledReply(answer, kind: kind)
        return AsyncThrowingStream { try await reply.next() }
    }

    private init(_ answer: Task<OpenAIAnswer, any Error>, kind: TransportKind) {
        state = .answering(answer)
        let queue = self.queue
        emitter = ReplyEmitter(transport: kind) { queue.events.append($0) }
    }

    deinit {
        if case .answering(let answer) = state { answer.cancel() }
    }

    private func next() async throws -> ChatEvent? {
        while true {
            if let event = queue.pop() { return event }
            if let failure {
                self.failure = nil
                throw failure
            }
            guard case .ended = state else {
                await readMore()
                continue
            }
            return nil
        }
    }

    /// Reads what comes next into the queue, or the error the reply ends in.
    private func readMore() async {
        switch state {
        case .ended:
            return
        case .answering(let answer):
            state = .ended
            do {
                let answered = try await withTaskCancellationHandler {
                    try await answer.value
                } onCancel: {
                    answer.cancel()
                }
                switch answered {
                case .whole(let completion): OpenAIStreamReader.emit(completion, into: &emitter)
                case .streamed(let body, let reader):
                    state = .reading(body.makeAsyncIterator(), reader, OpenAIStreamDecoder())
                }
            } catch {
                failure = error
            }
        case .reading(var body, let reader, var decoder):
            state = .ended
            do {
                guard let buffer = try await body.next() else {
                    if Task.isCancelled { throw CancellationError() }
                    return try reader.end(&decoder, into: &emitter)
                }
                if try reader.read(buffer, with: &decoder, into: &emitter) { return }
                state = .reading(body, reader, decoder)
            } catch {
                failure = reader.failure(error, emitter: &emitter)
            }
        }
    }
}
