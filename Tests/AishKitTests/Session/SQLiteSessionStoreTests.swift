import Foundation
import GRDB
import Testing

@testable import AishKit

/// The SQLite store on real temporary files: sessions, messages, ids, order, files.
@Suite struct SQLiteSessionStoreTests {
    @Test(arguments: [SQLiteSessionStore.Connections.pool, .single])
    func createAppendAndReadBack(_ connections: SQLiteSessionStore.Connections) async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore(connections: connections)
            let session = try await store.createSession(
                specialist: "apollo", firstMessage: "  \nExplain retries\nplease")
            #expect(session.title == "Explain retries")
            #expect(session.id.count == 16)
            let reply = try await store.beginExchange(
                inSession: session.id, question: "Explain retries", specialist: "apollo")
            try await store.update(
                reply, content: "Retries back off.", tokens: 4, status: .complete, isStreaming: false)
            let messages = try await store.messages(inSession: session.id)
            #expect(messages.map(\.role) == [.user, .specialist])
            #expect(messages.map(\.content) == ["Explain retries", "Retries back off."])
            #expect(messages.map(\.status) == [.complete, .complete])
            #expect(messages[1].tokens == 4)
            #expect(!messages[1].isStreaming)
            let listed = try await store.sessions()
            #expect(listed.map(\.id) == [session.id])
            #expect(listed.first?.messageCount == 2)
            #expect(listed.first?.title == "Explain retries")
        }
    }

    @Test func theLastMessagesAreReadWithoutOpeningTheEarlierOnes() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let session = try await store.createSession(specialist: "apollo", firstMessage: "turn 0")
            var handles: [MessageHandle] = []
            for turn in 0..<5 {
                handles.append(try await store.append(.question("turn \(turn)", to: "apollo"), toSession: session.id))
            }
            // The first message no longer opens: only a read that reaches it fails.
            let first = handles[0].messageID
            try await store.writing { db, _ in
                try db.execute(sql: "UPDATE message SET content = x'0102' WHERE id = ?", arguments: [first])
            }
            let last = try await store.messages(inSession: session.id, last: 3)
            #expect(last.map(\.content) == ["turn 2", "turn 3", "turn 4"])
            #expect(last.map(\.handle) == Array(handles.suffix(3)))
            #expect(try await store.messages(inSession: session.id, last: 4).count == 4)
            #expect(try await store.messages(inSession: session.id, last: 0).isEmpty)
            let error = await expectStoreError { _ = try await store.messages(inSession: session.id, last: 5) }
            #expect(error == .undecryptableRow(database: folder.location.databasePath, session: session.id))
        }
    }

    @Test func listsMostRecentlyUsedFirst() async throws {
        try await TemporaryFolder.with { folder in
            let clock = FakeNow()
            let store = try folder.openStore(now: clock.closure)
            var made: [StoredSession] = []
            for index in 0..<3 {
                made.append(try await store.createSession(specialist: "apollo", firstMessage: "question \(index)"))
                clock.advance(days: 1)
            }
            #expect(try await store.sessions().map(\.title) == ["question 2", "question 1", "question 0"])
            _ = try await store.append(.question("again", to: "apollo"), toSession: made[0].id)
            #expect(try await store.latestSession()?.id == made[0].id)
            #expect(try await store.sessions(limit: 2).map(\.title) == ["question 0", "question 2"])
        }
    }

    @Test func shortPrefixesFindSessionsAsGitDoes() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            var ids: [String] = []
            // 17 ids over 16 possible first digits: two must share a first digit.
            for index in 0..<17 {
                ids.append(try await store.createSession(specialist: "athena", firstMessage: "q\(index)").id)
            }
            let unique = try #require(ids.first { id in ids.filter { $0.hasPrefix(id.prefix(6)) }.count == 1 })
            #expect(try await store.session(String(unique.prefix(6))).id == unique)
            #expect(try await store.session(unique.uppercased()).id == unique)

            let shared = try #require(
                ids.map { String($0.prefix(1)) }.first { digit in ids.filter { $0.hasPrefix(digit) }.count > 1 })
            let ambiguous = await expectStoreError { _ = try await store.session(shared) }
            guard case .ambiguousSession(let prefix, let candidates)? = ambiguous else {
                Issue.record("not ambiguous: \(String(describing: ambiguous))")
                return
            }
            #expect(prefix == shared)
            #expect(Set(candidates.map(\.id)) == Set(ids.filter { $0.hasPrefix(shared) }))
            #expect(ambiguous?.description.contains(candidates[0].id) == true)
            #expect(ambiguous?.exitCode == 67)

            let missing = String(repeating: "0", count: 16) == ids[0] ? "ffffffffffffffff" : "0000000000000000"
            let unknown = await expectStoreError { _ = try await store.session(missing) }
            guard case .unknownSession(_, let recent)? = unknown else {
                Issue.record("not unknown: \(String(describing: unknown))")
                return
            }
            #expect(recent.count == 5)
            #expect(unknown?.description.contains("no session id starts with '\(missing)'") == true)

            let invalid = await expectStoreError { _ = try await store.session("not-an-id") }
            #expect(invalid == .invalidSessionID("not-an-id"))
        }
    }

    @Test func deleteRemovesSessionsAndTheirMessages() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let first = try await store.createSession(specialist: "apollo", firstMessage: "one")
            let second = try await store.createSession(specialist: "apollo", firstMessage: "two")
            _ = try await store.beginExchange(inSession: first.id, question: "one", specialist: "apollo")
            #expect(try await store.deleteSessions([first.id, "0123456789abcdef"]) == 1)
            #expect(try await store.sessions().map(\.id) == [second.id])
            #expect(try await store.messages(inSession: first.id).isEmpty)
            let count = try store.reading { db, _ in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message") }
            #expect(count == 0)
        }
    }

    @Test func withdrawingAnExchangeRemovesItAndAnEmptiedSession() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let kept = try await store.createSession(specialist: "apollo", firstMessage: "one")
            let answered = try await store.openExchange(inSession: kept.id, question: "one", specialist: "apollo")
            try await store.update(
                answered.reply, content: "an answer", tokens: 2, status: .complete, isStreaming: false)
            let failed = try await store.openExchange(inSession: kept.id, question: "two", specialist: "apollo")
            #expect(try await store.withdraw([failed.question, failed.reply]) == false)
            #expect(try await store.messages(inSession: kept.id).map(\.content) == ["one", "an answer"])
            #expect(try await store.session(kept.id).messageCount == 2)

            let lone = try await store.createSession(specialist: "apollo", firstMessage: "three")
            let only = try await store.openExchange(inSession: lone.id, question: "three", specialist: "apollo")
            #expect(try await store.withdraw([only.question, only.reply]) == true)
            #expect(try await store.sessions().map(\.id) == [kept.id])
        }
    }

    @Test func searchFindsTitlesAndMessagesIgnoringCase() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let retry = try await store.createSession(specialist: "apollo", firstMessage: "Explain the Retry policy")
            let other = try await store.createSession(specialist: "athena", firstMessage: "Plan the sprint")
            let reply = try await store.beginExchange(
                inSession: other.id, question: "Plan the sprint", specialist: "athena")
            try await store.update(
                reply, content: "First, RETRY the flaky tests.", tokens: 6, status: .complete, isStreaming: false)
            let hits = try await store.search("retry")
            #expect(Set(hits.map(\.session.id)) == [retry.id, other.id])
            let hit = try #require(hits.first { $0.session.id == other.id })
            #expect(!hit.titleMatches)
            #expect(hit.messages.map(\.content) == ["First, RETRY the flaky tests."])
            #expect(try await store.search("Straße").isEmpty)
            #expect(try await store.search("nothing like this").isEmpty)
        }
    }

    /// Whichever connections made it, a new file is private and in WAL mode.
    @Test(arguments: [SQLiteSessionStore.Connections.pool, .single])
    func filesArePrivate(_ connections: SQLiteSessionStore.Connections) async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore(connections: connections)
            _ = try await store.createSession(specialist: "apollo", firstMessage: "hello")
            #expect(try PrivateFile.mode(folder.location.databasePath) == 0o600)
            #expect(try PrivateFile.mode(folder.location.keyPath) == 0o600)
            #expect(try PrivateFile.mode((folder.location.keyPath as NSString).deletingLastPathComponent) == 0o700)
            if let wal = try PrivateFile.mode(folder.location.databasePath + "-wal") { #expect(wal == 0o600) }
            #expect(try store.reading { db, _ in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        }
    }

    /// Two stores on one file behave as two processes do (separate connections and
    /// locks), a pool beside a pool or beside a one-shot chat's single connection.
    @Test(arguments: [SQLiteSessionStore.Connections.pool, .single])
    func twoStoresOnOneFileWriteAtOnce(_ secondConnections: SQLiteSessionStore.Connections) async throws {
        try await TemporaryFolder.with { folder in
            let first = try folder.openStore()
            let second = try folder.openStore(connections: secondConnections)
            let sessions = [
                try await first.createSession(specialist: "apollo", firstMessage: "a"),
                try await second.createSession(specialist: "athena", firstMessage: "b"),
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, store) in [first, second].enumerated() {
                    group.addTask {
                        for turn in 0..<40 {
                            _ = try await store.append(
                                .question("turn \(turn)", to: "x"), toSession: sessions[index].id)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await first.messages(inSession: sessions[1].id).count == 40)
            #expect(try await second.messages(inSession: sessions[0].id).count == 40)
        }
    }

    @Test(arguments: [SQLiteSessionStore.Connections.pool, .single])
    func aSessionOpensWithItsFirstExchangeInOneWrite(_ connections: SQLiteSessionStore.Connections) async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore(connections: connections)
            let (session, first) = try await store.openSession(specialist: "apollo", question: "Explain retries")
            #expect(session.title == "Explain retries")
            #expect(first.question.sessionID == session.id && first.reply.sessionID == session.id)
            let second = try await store.openExchange(
                inSession: session.id, question: "And jitter?", specialist: "apollo")
            let messages = try await store.messages(inSession: session.id)
            #expect(messages.map(\.role) == [.user, .specialist, .user, .specialist])
            #expect(messages.map(\.content) == ["Explain retries", "", "And jitter?", ""])
            #expect(messages.map(\.isStreaming) == [false, true, false, true])
            #expect([first.question, first.reply, second.question, second.reply] == messages.map(\.handle))
            #expect(try await store.session(session.id).messageCount == 4)
            // All or nothing: a question over the limit, or a session that is gone, writes no row.
            let huge = String(repeating: "x", count: SQLiteSessionStore.messageLimit + 1)
            _ = await expectStoreError { _ = try await store.openSession(specialist: "apollo", question: huge) }
            let gone = await expectStoreError {
                _ = try await store.openExchange(inSession: "0123456789abcdef", question: "hi", specialist: "apollo")
            }
            #expect(gone == .unknownSession("0123456789abcdef", recent: []))
            #expect(try await store.sessions().map(\.id) == [session.id])
            #expect(try await store.messages(inSession: session.id).count == 4)
        }
    }

    @Test func messagesOverTheLimitAreRefused() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let session = try await store.createSession(specialist: "apollo", firstMessage: "big")
            let huge = String(repeating: "x", count: SQLiteSessionStore.messageLimit + 1)
            let error = await expectStoreError {
                _ = try await store.append(.question(huge, to: "apollo"), toSession: session.id)
            }
            #expect(
                error
                    == .messageTooLarge(
                        bytes: SQLiteSessionStore.messageLimit + 1, limit: SQLiteSessionStore.messageLimit))
        }
    }
}
