import AishTestSupport
import Foundation
import Testing

@testable import AishKit

/// The PostgreSQL store against a real server (a throwaway cluster of the test
/// run's, over its Unix socket): the store's contract, what the server holds, keys,
/// passwords and writers at once.
@Suite(.timeLimit(.minutes(2))) struct PostgresSessionStoreTests {
    /// A store on a new database, with the key file in `folder`.
    private func openStore(
        _ url: String, _ folder: TemporaryFolder, environment: [String: String] = [:],
        now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> PostgresSessionStore {
        try await PostgresSessionStore.open(
            try PostgresURL(parsing: url, source: "test"),
            keyring: SessionKeyring(environment: environment, filePath: folder.location.keyPath),
            environment: environment, home: folder.path, now: now)
    }

    @Test func createAppendUpdateAndReadBack() async throws {
        try await TemporaryFolder.with { folder in
            let store = try await openStore(try await PostgresTestCluster.freshDatabase(), folder)
            let session = try await store.createSession(specialist: "apollo", firstMessage: "review this diff")
            let question = try await store.append(.question("review this diff", to: "apollo"), toSession: session.id)
            let reply = try await store.append(
                MessageDraft(role: .specialist, specialist: "apollo", content: "", status: .partial, isStreaming: true),
                toSession: session.id)
            try await store.update(reply, content: "Looks fine.", tokens: 3, status: .complete, isStreaming: false)
            try await store.setServerSessionID("srv-1", forSession: session.id)

            let read = try await store.session(String(session.id.prefix(6)))
            #expect(read.title == "review this diff")
            #expect(read.messageCount == 2)
            #expect(read.serverSessionID == "srv-1")
            let messages = try await store.messages(inSession: session.id)
            #expect(messages.map(\.content) == ["review this diff", "Looks fine."])
            #expect(messages.map(\.handle) == [question, reply])
            #expect(messages.last?.status == .complete)
            #expect(messages.last?.isStreaming == false)
            #expect(try await store.latestSession()?.id == session.id)
        }
    }

    @Test func theLastMessagesAreReadWithoutOpeningTheEarlierOnes() async throws {
        try await TemporaryFolder.with { folder in
            let store = try await openStore(try await PostgresTestCluster.freshDatabase(), folder)
            let session = try await store.createSession(specialist: "apollo", firstMessage: "turn 0")
            var handles: [MessageHandle] = []
            for turn in 0..<5 {
                handles.append(try await store.append(.question("turn \(turn)", to: "apollo"), toSession: session.id))
            }
            // The first message no longer opens: only a read that reaches it fails.
            let (first, logger) = (handles[0].messageID, store.logger)
            try await store.run { connection in
                for try await _ in try await connection.query(
                    "UPDATE aish_message SET content = '\\x0102' WHERE id = \(first)", logger: logger)
                {}
            }
            let last = try await store.messages(inSession: session.id, last: 3)
            #expect(last.map(\.content) == ["turn 2", "turn 3", "turn 4"])
            #expect(last.map(\.handle) == Array(handles.suffix(3)))
            #expect(try await store.messages(inSession: session.id, last: 0).isEmpty)
            let error = await expectStoreError { _ = try await store.messages(inSession: session.id, last: 5) }
            #expect(error == .undecryptableRow(database: store.location, session: session.id))
        }
    }

    @Test func callsRunOnTheConnectionsOwnEventLoop() async throws {
        try await TemporaryFolder.with { folder in
            let store = try await openStore(try await PostgresTestCluster.freshDatabase(), folder)
            // Bounded or not, a call's body (and so the resumption after each answer) is on the loop.
            let bounded = try await store.run { connection in connection.eventLoop.inEventLoop }
            let unbounded = try await store.run(bounded: false) { connection in connection.eventLoop.inEventLoop }
            #expect(bounded && unbounded)
        }
    }

    @Test func listsNewestFirstAndFindsPrefixesSearchesDeletesAndPrunes() async throws {
        try await TemporaryFolder.with { folder in
            let clock = FakeNow()
            let store = try await openStore(try await PostgresTestCluster.freshDatabase(), folder, now: { clock.date })
            var ids: [String] = []
            for word in ["alpha", "Bravo", "charlie"] {
                let session = try await store.createSession(specialist: "athena", firstMessage: "about \(word)")
                _ = try await store.append(.question("tell me of \(word)", to: "athena"), toSession: session.id)
                ids.append(session.id)
                clock.advance(days: 1.0 / 24)
            }
            #expect(try await store.sessions().map(\.id) == ids.reversed())
            #expect(try await store.sessions(limit: 2).count == 2)

            let hits = try await store.search("BRAVO")
            #expect(hits.map(\.session.id) == [ids[1]])
            #expect(hits.first?.titleMatches == true)
            #expect(hits.first?.messages.map(\.content) == ["tell me of Bravo"])

            await #expect(throws: SessionStoreError.self) { _ = try await store.session("zz") }
            #expect(try await store.deleteSessions([ids[2]]) == 1)
            #expect(try await store.prune(idleSince: clock.date.addingTimeInterval(-3600 * 2.5)) == 1)
            #expect(try await store.sessions().map(\.id) == [ids[1]])
        }
    }

    @Test func withdrawingTheOnlyExchangeRemovesTheSession() async throws {
        try await TemporaryFolder.with { folder in
            let store = try await openStore(try await PostgresTestCluster.freshDatabase(), folder)
            let session = try await store.createSession(specialist: "apollo", firstMessage: "hi")
            let question = try await store.append(.question("hi", to: "apollo"), toSession: session.id)
            #expect(try await store.withdraw([question]))
            #expect(try await store.sessions().isEmpty)
        }
    }

    /// Only ids, fingerprints, specialists, times and sizes are in the clear: a dump
    /// of the whole database holds no title and no message.
    @Test func theServerHoldsNoPlaintext() async throws {
        try await TemporaryFolder.with { folder in
            let url = try await PostgresTestCluster.freshDatabase()
            let store = try await openStore(url, folder)
            let session = try await store.createSession(specialist: "apollo", firstMessage: "secret title words")
            let reply = try await store.append(.question("the secret plan", to: "apollo"), toSession: session.id)
            try await store.update(
                reply, content: "the secret answer", tokens: 3, status: .complete, isStreaming: false)
            let dump = try await PostgresTestCluster.dump(url)
            #expect(dump.contains(session.id))
            #expect(dump.contains("apollo"))
            #expect(!dump.contains("secret"))
        }
    }

    /// Two machines with one key see the same sessions; another key sees none of
    /// them and is told why.
    @Test func aSecondKeySeesNoneOfTheFirstKeysSessions() async throws {
        try await TemporaryFolder.with { first in
            try await TemporaryFolder.with { second in
                let url = try await PostgresTestCluster.freshDatabase()
                let store = try await openStore(url, first)
                let session = try await store.createSession(specialist: "apollo", firstMessage: "mine")
                let question = try await store.append(.question("mine", to: "apollo"), toSession: session.id)

                let sameKey = try String(contentsOfFile: first.location.keyPath, encoding: .utf8)
                let twin = try await openStore(url, second, environment: ["AISH_SESSION_KEY": sameKey])
                #expect(try await twin.sessions().map(\.id) == [session.id])

                let stranger = try await openStore(url, second)
                #expect(try await stranger.sessions().isEmpty)
                #expect(try await stranger.sessionsOfOtherKeys() == 1)
                await #expect(
                    throws: SessionStoreError.sealedWithAnotherKey(
                        store: stranger.location, count: 1, source: stranger.keyring.source)
                ) {
                    _ = try await stranger.session(session.id)
                }
                // Nor can it change or delete them.
                #expect(try await stranger.deleteSessions([session.id]) == 0)
                await #expect(throws: SessionStoreError.self) {
                    try await stranger.update(
                        question, content: "theirs", tokens: 1, status: .complete, isStreaming: false)
                }
                #expect(try await stranger.withdraw([question]) == false)
                #expect(try await store.sessions().count == 1)
                #expect(try await store.messages(inSession: session.id).map(\.content) == ["mine"])
            }
        }
    }

    /// Several processes writing one session at once keep every message.
    @Test func twoConnectionsAppendingAtOnceLoseNothing() async throws {
        try await TemporaryFolder.with { folder in
            let url = try await PostgresTestCluster.freshDatabase()
            let one = try await openStore(url, folder)
            let two = try await openStore(url, folder)
            let session = try await one.createSession(specialist: "apollo", firstMessage: "busy")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, store) in [one, two].enumerated() {
                    group.addTask {
                        for number in 0..<40 {
                            _ = try await store.append(
                                .question("writer \(index) message \(number)", to: "apollo"), toSession: session.id)
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await one.messages(inSession: session.id).count == 80)
            #expect(try await two.session(session.id).messageCount == 80)
        }
    }

    @Test func thePasswordComesFromTheEnvironmentOrAPrivateFile() async throws {
        try await TemporaryFolder.with { folder in
            let url = try await PostgresTestCluster.freshDatabase()
            let bare = PostgresTestCluster.urlWithoutPassword(of: url)
            _ = try await openStore(bare, folder, environment: ["PGPASSWORD": PostgresTestCluster.password])

            let file = folder.file("pgpass")
            try Data("*:*:*:\(PostgresTestCluster.user):\(PostgresTestCluster.password)\n".utf8)
                .write(to: URL(fileURLWithPath: file))
            chmod(file, 0o600)
            _ = try await openStore(bare, folder, environment: ["PGPASSFILE": file])

            chmod(file, 0o644)
            do {
                _ = try await openStore(bare, folder, environment: ["PGPASSFILE": file])
                Issue.record("a password file others may read was used")
            } catch let error as SessionStoreError {
                #expect(error.description.contains("chmod 600 \(file)"))
                #expect(!error.description.contains(PostgresTestCluster.password))
            }
            do {
                _ = try await openStore(bare, folder)
                Issue.record("no password, yet the server let us in")
            } catch let error as SessionStoreError {
                #expect(error.description.contains("PGPASSWORD"))
            }
        }
    }

    @Test func aServerThatIsNotThereIsUnreachable() async throws {
        try await TemporaryFolder.with { folder in
            do {
                _ = try await openStore("postgres://aish@/sessions?host=\(folder.path)", folder)
                Issue.record("connected to nothing")
            } catch let error as SessionStoreError {
                guard case .storeUnreachable(let store, _) = error else {
                    Issue.record("\(error)")
                    return
                }
                #expect(store == "postgres://aish@[\(folder.path)]:5432/sessions")
                #expect(error.exitCode == 69)
            }
        }
    }

    /// Several aish processes opening one new database at once: each migration runs once.
    @Test func openingANewDatabaseTwiceAtOnceMigratesOnce() async throws {
        try await TemporaryFolder.with { folder in
            let url = try await PostgresTestCluster.freshDatabase()
            async let first = openStore(url, folder)
            async let second = openStore(url, folder)
            let stores = try await [first, second]
            let session = try await stores[0].createSession(specialist: "apollo", firstMessage: "both")
            #expect(try await stores[1].session(session.id).id == session.id)
        }
    }

    /// A rekey re-seals this key's sessions under the new key (the old key then sees
    /// none of them), and leaves another key's sessions as they were.
    @Test func rekeyReSealsThisKeysSessionsOnly() async throws {
        try await TemporaryFolder.with { mine in
            try await TemporaryFolder.with { theirs in
                let url = try await PostgresTestCluster.freshDatabase()
                let store = try await openStore(url, mine)
                let session = try await store.createSession(specialist: "apollo", firstMessage: "to be re-sealed")
                _ = try await store.append(.question("to be re-sealed", to: "apollo"), toSession: session.id)
                let other = try await openStore(url, theirs)
                let untouched = try await other.createSession(specialist: "athena", firstMessage: "not mine")

                let oldKey = try String(contentsOfFile: mine.location.keyPath, encoding: .utf8)
                let count = try await store.rekey(to: SessionKey.random())
                #expect(count == RekeyCount(sessions: 1, messages: 1))
                #expect(try await store.messages(inSession: session.id).map(\.content) == ["to be re-sealed"])
                let newKey = try String(contentsOfFile: mine.location.keyPath, encoding: .utf8)
                #expect(newKey != oldKey)

                let reopened = try await openStore(url, mine)
                #expect(try await reopened.sessions().map(\.title) == ["to be re-sealed"])
                let withOldKey = try await openStore(url, theirs, environment: ["AISH_SESSION_KEY": oldKey])
                #expect(try await withOldKey.sessions().isEmpty)
                #expect(try await other.sessions().map(\.id) == [untouched.id])
            }
        }
    }

    /// A rekey whose commit reached the server but whose key file was not replaced
    /// (the connection or the process went): the next open finds the sessions under
    /// the staged key and makes it the key.
    @Test func aStagedKeyThatSealedTheSessionsIsTakenOnOpening() async throws {
        try await TemporaryFolder.with { folder in
            let url = try await PostgresTestCluster.freshDatabase()
            let store = try await openStore(url, folder)
            let session = try await store.createSession(specialist: "apollo", firstMessage: "keep me")
            let oldKey = try String(contentsOfFile: folder.location.keyPath, encoding: .utf8)
            let newKey = SessionKey.random()
            _ = try await store.rekey(to: newKey)
            // As if the rename had not happened: the old key in place, the new one staged.
            try oldKey.write(toFile: folder.location.keyPath, atomically: true, encoding: .utf8)
            try folder.fileKeyring.stage(newKey)

            let reopened = try await openStore(url, folder)
            #expect(try await reopened.sessions().map(\.id) == [session.id])
            let taken = try String(contentsOfFile: folder.location.keyPath, encoding: .utf8)
            #expect(taken != oldKey)
        }
    }
}
