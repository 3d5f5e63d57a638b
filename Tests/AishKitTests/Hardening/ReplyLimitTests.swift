import AishKit
import Testing

@testable import AishKit

/// A server that never ends its reply cannot fill aish's memory: past
/// ``ReplyLimit/bytes`` the reply is cut off, its first part kept, and the
/// request cancelled (issue 12, item 11).
@Suite("Reply limit", .timeLimit(.minutes(1)))
struct ReplyLimitTests {
    /// A stream of `piece` after `piece`, without end; `cancelled` hears when its
    /// reader stops.
    static func endless(_ piece: String, cancelled: AsyncStream<Void>.Continuation)
        -> AsyncThrowingStream<ChatEvent, any Error>
    {
        // A small buffer, and a producer that lets others run: it never gets ahead of
        // its reader by more than a few pieces, so the test itself stays small.
        AsyncThrowingStream(bufferingPolicy: .bufferingOldest(4)) { continuation in
            let task = Task {
                continuation.yield(.started(requestID: "req_1", transport: .sse))
                while !Task.isCancelled {
                    if case .enqueued(let remaining) = continuation.yield(.text(piece, tokens: 1)), remaining > 0 {
                        continue
                    }
                    await Task.yield()
                }
                cancelled.yield()
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    @Test func fitCutsAtACharacterBoundary() {
        #expect(ReplyLimit.fit("abc", after: 0, limit: 3) == ("abc", false))
        #expect(ReplyLimit.fit("abcd", after: 0, limit: 3) == ("abc", true))
        // "é" is two bytes: one byte of room is not enough for it.
        #expect(ReplyLimit.fit("aé", after: 1, limit: 3) == ("a", true))
        #expect(ReplyLimit.fit("aé", after: 0, limit: 3) == ("aé", false))
        #expect(ReplyLimit.fit("x", after: 5, limit: 3) == ("", true))
        #expect(ReplyLimit.error(specialistID: "apollo").description.contains("it passed 8 MiB"))
    }

    @Test func thePrinterKeepsWhatFitsStopsReadingAndSaysWhy() async throws {
        let cancelled = AsyncStream<Void>.makeStream()
        let output = MemorySink()
        var printer = ReplyPrinter(output: output, status: MemorySink())
        printer.maxReplyBytes = 100
        let saved = LockedBox("")
        printer.onText = { text, _ in saved.withLock { $0 += text } }
        do {
            _ = try await printer.print(Self.endless("word é ", cancelled: cancelled.continuation), from: "apollo")
            Issue.record("an endless reply ended without an error")
        } catch {
            #expect(error.summary.content.utf8.count <= 100)
            #expect(error.summary.content.utf8.count >= 96)
            #expect(output.text == error.summary.content)
            #expect(saved.withLock { $0 } == error.summary.content)
            guard case AishError.streamInterrupted(let id, let reason) = error.error else {
                Issue.record("expected streamInterrupted, got \(error.error)")
                return
            }
            #expect(id == "apollo")
            #expect(reason == "it passed 100 bytes, the most aish reads of one reply")
        }
        var stops = cancelled.stream.makeAsyncIterator()
        _ = await stops.next()  // the producer was cancelled: this returns
    }

    @Test func aBulkOperationStopsAtTheLimitToo() async throws {
        struct Endless: ChatTransport {
            let cancelled: AsyncStream<Void>.Continuation
            var kind: TransportKind { .sse }
            func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
                ReplyLimitTests.endless(String(repeating: "x", count: 1 << 16), cancelled: cancelled)
            }
        }
        let cancelled = AsyncStream<Void>.makeStream()
        let executor = TransportOperationExecutor(transport: Endless(cancelled: cancelled.continuation))
        let received = LockedBox(0)
        await #expect(throws: ReplyLimit.error(specialistID: "apollo")) {
            _ = try await executor.execute(ChatRequest(specialistID: "apollo", message: "go")) { text, _ in
                received.withLock { $0 += text.utf8.count }
            }
        }
        #expect(received.withLock { $0 } == ReplyLimit.bytes)
        var stops = cancelled.stream.makeAsyncIterator()
        _ = await stops.next()
    }

    @Test func checkpointsRestLongerAsTheReplyGrows() {
        let interval = Duration.milliseconds(250)
        #expect(Checkpointer.rest(after: 0, interval: interval) == .milliseconds(250))
        #expect(Checkpointer.rest(after: 1 << 20, interval: interval) == .milliseconds(250))
        #expect(Checkpointer.rest(after: (1 << 20) + 1, interval: interval) == .milliseconds(500))
        #expect(Checkpointer.rest(after: 8 << 20, interval: interval) == .seconds(2))
    }
}
