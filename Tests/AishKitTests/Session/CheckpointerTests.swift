import Foundation
import Testing

@testable import AishKit

/// Checkpoints: their cadence, the final save, and that the printer never waits.
@Suite struct CheckpointerTests {
    private func pendingReply(in store: ObservedStore) async throws -> MessageHandle {
        let session = try await store.createSession(specialist: "apollo", firstMessage: "q")
        return try await store.beginExchange(inSession: session.id, question: "q", specialist: "apollo")
    }

    @Test func savesAtMostOncePerIntervalAndOnceAtTheEnd() async throws {
        let store = ObservedStore()
        let sleeper = ManualSleeper()
        let reply = try await pendingReply(in: store)
        let checkpointer = Checkpointer(store: store, reply: reply, sleep: sleeper.sleep) { _ in }

        // The first text wakes the writer, which rests before it saves: a hundred more
        // tokens meanwhile make no write of their own.
        checkpointer.record("a", tokens: 1)
        await sleeper.waitForSleeps(1)
        for index in 0..<100 { checkpointer.record(" \(index)", tokens: 1) }
        #expect(await store.updates.isEmpty)
        sleeper.wake()
        await store.waitForUpdates(1)
        let expected = "a" + (0..<100).map { " \($0)" }.joined()
        #expect(await store.updates.map(\.content) == [expected])
        #expect(await store.updates.allSatisfy { $0.status == .partial && $0.streaming })

        // With nothing new the writer neither rests nor writes; new text starts the next interval.
        checkpointer.record("!", tokens: 1)
        await sleeper.waitForSleeps(2)
        #expect(await store.updates.count == 1)
        sleeper.wake()
        await store.waitForUpdates(2)
        #expect(await store.updates.last?.content == expected + "!")

        // The final save need not wait out an interval that has begun.
        checkpointer.record("?", tokens: 1)
        await sleeper.waitForSleeps(3)
        await checkpointer.finish(tokens: 103, status: .complete)
        let updates = await store.updates
        #expect(updates.map(\.content) == [expected, expected + "!", expected + "!?"])
        #expect(updates.last?.status == .complete)
        #expect(updates.last?.streaming == false)
        #expect(sleeper.requested == Array(repeating: .milliseconds(250), count: 3))
        let saved = try await store.messages(inSession: reply.sessionID).last
        #expect(saved?.tokens == 103)
    }

    @Test func aReplyEndingWithinItsFirstIntervalIsWrittenOnce() async throws {
        let store = ObservedStore()
        let sleeper = ManualSleeper()
        let reply = try await pendingReply(in: store)
        let checkpointer = Checkpointer(store: store, reply: reply, sleep: sleeper.sleep) { _ in }
        checkpointer.record("partial", tokens: 1)
        await sleeper.waitForSleeps(1)
        checkpointer.record(" text", tokens: 1)
        await checkpointer.finish(content: "partial text", tokens: 2, status: .interrupted)
        #expect(await store.updates.map(\.content) == ["partial text"])
        #expect(await store.updates.last?.status == .interrupted)
    }

    @Test func textRecordedBeforeTheRowExistsIsSavedOnceItDoes() async throws {
        let store = ObservedStore()
        let sleeper = ManualSleeper()
        let (rows, row) = AsyncStream<MessageHandle>.makeStream()
        let reply: @Sendable () async -> MessageHandle? = { await rows.first { _ in true } }
        let checkpointer = Checkpointer(store: store, reply: reply, sleep: sleeper.sleep, onFailure: { _ in })
        checkpointer.record("early", tokens: 1)
        await sleeper.waitForSleeps(1)
        sleeper.wake()
        // The writer waits for the row; the printer records on.
        checkpointer.record(" text", tokens: 1)
        #expect(await store.updates.isEmpty)
        row.yield(try await pendingReply(in: store))
        await store.waitForUpdates(1)
        #expect(await store.updates.map(\.content) == ["early text"])
        checkpointer.record("!", tokens: 1)
        await checkpointer.finish(tokens: 3, status: .complete)
        #expect(await store.updates.map(\.content) == ["early text", "early text!"])
    }

    @Test func aRowThatCannotBeMadeSavesNothing() async throws {
        let store = ObservedStore()
        let checkpointer = Checkpointer(store: store, reply: { nil }, onFailure: { _ in })
        checkpointer.record("shown, not saved", tokens: 1)
        await checkpointer.finish(tokens: 1, status: .complete)
        #expect(await store.updates.isEmpty)
    }

    @Test func thePrinterNeverWaitsForTheDatabase() async throws {
        let store = ObservedStore()
        let reply = try await pendingReply(in: store)
        await store.closeGate()
        let checkpointer = Checkpointer(store: store, reply: reply) { _ in }
        let (events, continuation) = AsyncThrowingStream<ChatEvent, any Error>.makeStream()
        let pieces = (0..<2_000).map { "token\($0) " }
        continuation.yield(.started(requestID: "r", transport: .sse))
        for piece in pieces { continuation.yield(.text(piece, tokens: 1)) }
        continuation.yield(.done(tokensUsed: 2_000, finishReason: "stop"))
        continuation.finish()
        let output = MemorySink()
        var printer = ReplyPrinter(output: output, status: MemorySink(), showsSpinner: false)
        printer.onText = { checkpointer.record($0, tokens: $1) }
        // Every database write hangs, yet the whole reply prints.
        let summary = try await printer.print(events, from: "apollo")
        #expect(summary.completed)
        #expect(output.text == pieces.joined())
        #expect(await store.updates.isEmpty)
        await store.openGate()
        await checkpointer.finish(content: summary.content, tokens: summary.tokens, status: .complete)
        #expect(await store.updates.last?.content == pieces.joined())
        #expect(await store.updates.last?.status == .complete)
    }

    @Test func aFailingDatabaseIsReportedOnceAndTheReplyGoesOn() async throws {
        let store = ObservedStore()
        let sleeper = ManualSleeper()
        let reply = try await pendingReply(in: store)
        await store.failUpdates()
        let (reports, report) = AsyncStream<SessionStoreError>.makeStream()
        let checkpointer = Checkpointer(store: store, reply: reply, sleep: sleeper.sleep) { report.yield($0) }
        checkpointer.record("one", tokens: 1)
        await sleeper.waitForSleeps(1)
        sleeper.wake()
        var iterator = reports.makeAsyncIterator()
        let first = await iterator.next()
        #expect(first?.description.contains("the disk is full") == true)
        // Later checkpoints are still tried, and not reported again.
        checkpointer.record(" two", tokens: 1)
        await sleeper.waitForSleeps(2)
        sleeper.wake()
        await checkpointer.finish(tokens: 2, status: .complete)
        report.finish()
        var later = 0
        while await iterator.next() != nil { later += 1 }
        #expect(later == 0)
    }
}
