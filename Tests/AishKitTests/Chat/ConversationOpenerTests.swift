import AishKit
import Testing

/// A new conversation opens once: early when asked to start, else when asked for;
/// a continued one waits to be asked for.
@Suite(.timeLimit(.minutes(1))) struct ConversationOpenerTests {
    /// An opener of new conversations that counts its openings.
    private static func counting() -> (ConversationOpener, LockedBox<Int>) {
        let count = LockedBox(0)
        let opener = ConversationOpener(for: .new) { _ in
            count.withLock { $0 += 1 }
            return Conversation(store: InMemorySessionStore())
        }
        return (opener, count)
    }

    @Test func nothingOpensUntilItIsAskedForOrStarted() async throws {
        let (opener, count) = Self.counting()
        await opener.settle()
        #expect(count.withLock { $0 } == 0)
        let first = try await opener(.new)
        let second = try await opener(.new)
        #expect(count.withLock { $0 } == 1)
        #expect(first.store != nil && second.store != nil)
    }

    @Test func startingEarlyOpensANewConversationOnce() async throws {
        let (calls, called) = AsyncStream<ConversationChoice>.makeStream()
        let opener = ConversationOpener(for: .new) { choice in
            called.yield(choice)
            return Conversation(store: InMemorySessionStore())
        }
        opener.startEarly()
        opener.startEarly()
        // Nobody has asked yet, and the opening has begun.
        var heard = calls.makeAsyncIterator()
        #expect(await heard.next() == .new)
        _ = try await opener(.new)
        _ = try await opener(.new)
        called.finish()
        #expect(await heard.next() == nil)
    }

    @Test func startingEarlyLeavesAContinuedSessionToBeAskedFor() async throws {
        let asked = LockedBox<[ConversationChoice]>([])
        let opener = ConversationOpener(for: .latest) { choice in
            asked.withLock { $0.append(choice) }
            return Conversation(store: nil)
        }
        opener.startEarly()
        await opener.settle()
        #expect(asked.withLock { $0 }.isEmpty)
        _ = try await opener(.latestWith(specialist: "apollo"))
        #expect(asked.withLock { $0 } == [.latestWith(specialist: "apollo")])
    }

    @Test func settlingWaitsForTheOpeningToEnd() async throws {
        let ended = LockedBox(false)
        let opener = ConversationOpener(for: .new) { _ in
            for _ in 0..<100 { await Task.yield() }
            ended.withLock { $0 = true }
            throw SessionStoreError.databaseUnavailable(path: "/x", detail: "the disk is full")
        }
        opener.startEarly()
        await opener.settle()
        #expect(ended.withLock { $0 })
    }
}
