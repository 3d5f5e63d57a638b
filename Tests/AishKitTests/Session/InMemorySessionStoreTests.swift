import Foundation
import Testing

@testable import AishKit

/// The in-memory twin behaves as the SQLite store does where tests rely on it.
@Suite struct InMemorySessionStoreTests {
    @Test func prefixesOrderSearchAndPruning() async throws {
        let clock = FakeNow()
        let store = InMemorySessionStore(now: clock.closure)
        let old = try await store.createSession(specialist: "apollo", firstMessage: "Old retry question")
        clock.advance(days: 40)
        let new = try await store.createSession(specialist: "athena", firstMessage: "New question")
        _ = try await store.append(.question("about RETRIES", to: "athena"), toSession: new.id)
        #expect(try await store.sessions().map(\.id) == [new.id, old.id])
        #expect(try await store.session(String(new.id.prefix(16))).id == new.id)
        #expect(await store.search("retr").map(\.session.id) == [new.id, old.id])
        #expect(try await store.prune(idleLongerThan: .defaultTTL, now: clock.date) == 1)
        #expect(try await store.sessions().map(\.id) == [new.id])
        let error = await expectStoreError { _ = try await store.session("xyz") }
        #expect(error == .invalidSessionID("xyz"))
    }

    @Test func theLastMessagesAreTheEndOfAllOfThemInOrder() async throws {
        let store = InMemorySessionStore()
        let session = try await store.createSession(specialist: "apollo", firstMessage: "q")
        for turn in 0..<4 { _ = try await store.append(.question("turn \(turn)", to: "apollo"), toSession: session.id) }
        #expect(try await store.messages(inSession: session.id, last: 2).map(\.content) == ["turn 2", "turn 3"])
        #expect(try await store.messages(inSession: session.id, last: 9).count == 4)
        #expect(try await store.messages(inSession: session.id, last: 0).isEmpty)
    }
}
