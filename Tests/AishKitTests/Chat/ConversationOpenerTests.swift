import AishKit
import Testing

/// A new conversation opens before anyone asks for it, once; any other waits to be asked.
@Suite(.timeLimit(.minutes(1))) struct ConversationOpenerTests {
    @Test func aNewConversationOpensAtOnceAndOnlyOnce() async throws {
        let (calls, called) = AsyncStream<ConversationChoice>.makeStream()
        let opener = ConversationOpener(for: .new) { choice in
            called.yield(choice)
            return Conversation(store: InMemorySessionStore())
        }
        // Nobody has asked yet, and the opening has begun.
        var heard = calls.makeAsyncIterator()
        #expect(await heard.next() == .new)
        let first = try await opener(.new)
        let second = try await opener(.new)
        #expect(first.store != nil && second.store != nil)
        called.finish()
        #expect(await heard.next() == nil)
    }

    @Test func anyOtherChoiceOpensWhenAskedFor() async throws {
        let asked = LockedBox<[ConversationChoice]>([])
        let opener = ConversationOpener(for: .latest) { choice in
            asked.withLock { $0.append(choice) }
            return Conversation(store: nil)
        }
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
        await opener.settle()
        #expect(ended.withLock { $0 })
    }
}
