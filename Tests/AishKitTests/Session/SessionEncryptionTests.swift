import Foundation
import GRDB
import Testing

@testable import AishKit

/// Encryption at rest: nothing readable on disk, wrong and missing keys refused
/// without loss, unsafe key files refused, rekey all or nothing.
@Suite struct SessionEncryptionTests {
    static let secret = "zebra-quartz-7731 the launch code"
    static let reply = "The reply mentions okapi-fjord-2208 twice: okapi-fjord-2208."

    /// A store holding one exchange with the secret question and reply; the reply is
    /// checkpointed twice, so the WAL holds several versions of the row.
    private func seed(_ store: SQLiteSessionStore) async throws -> StoredSession {
        let session = try await store.createSession(specialist: "apollo", firstMessage: Self.secret)
        let reply = try await store.beginExchange(inSession: session.id, question: Self.secret, specialist: "apollo")
        try await store.update(
            reply, content: String(Self.reply.prefix(30)), tokens: 3, status: .partial, isStreaming: true)
        try await store.update(reply, content: Self.reply, tokens: 9, status: .complete, isStreaming: false)
        return session
    }

    private func expectNoPlaintext(
        _ path: String, _ phrases: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let files = databaseBytes(path)
        #expect(files[path] != nil, sourceLocation: sourceLocation)
        for (file, bytes) in files {
            for phrase in phrases {
                for needle in [phrase, String(phrase.prefix(12)), String(phrase.suffix(12))] {
                    #expect(
                        bytes.range(of: Data(needle.utf8)) == nil, "\(needle) found in \(file)",
                        sourceLocation: sourceLocation)
                }
            }
        }
    }

    @Test func nothingReadableOnDiskWhileOpenOrAfter() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            _ = try await seed(store)
            #expect(FileManager.default.fileExists(atPath: folder.location.databasePath + "-wal"))
            expectNoPlaintext(folder.location.databasePath, [Self.secret, Self.reply])
            try store.close()
            expectNoPlaintext(folder.location.databasePath, [Self.secret, Self.reply])
            // The specialist is not secret; its presence shows the grep looks in the right place.
            #expect(
                databaseBytes(folder.location.databasePath).values.contains { $0.range(of: Data("apollo".utf8)) != nil }
            )
        }
    }

    @Test func aWrongKeyIsRefusedAndDeletesNothing() async throws {
        try await TemporaryFolder.with { folder in
            let right = ["AISH_SESSION_KEY": Data(repeating: 7, count: 32).base64EncodedString()]
            let wrong = ["AISH_SESSION_KEY": Data(repeating: 9, count: 32).base64EncodedString()]
            let store = try folder.openStore(environment: right)
            let session = try await seed(store)
            try store.close()
            let error = await expectStoreError { _ = try folder.openStore(environment: wrong) }
            #expect(error == .wrongKey(database: folder.location.databasePath, source: "AISH_SESSION_KEY"))
            #expect(error?.description.contains("deleted nothing") == true)
            #expect(error?.exitCode == 78)
            // Even with pruning due, a refused key leaves everything in place.
            let again = try folder.openStore(environment: right)
            #expect(try await again.messages(inSession: session.id).map(\.content) == [Self.secret, Self.reply])
            #expect(!FileManager.default.fileExists(atPath: folder.location.keyPath))
        }
    }

    @Test(arguments: [SQLiteSessionStore.Connections.pool, .single])
    func aRefusedKeyWritesNothing(_ connections: SQLiteSessionStore.Connections) async throws {
        try await TemporaryFolder.with { folder in
            let right = ["AISH_SESSION_KEY": Data(repeating: 7, count: 32).base64EncodedString()]
            let wrong = ["AISH_SESSION_KEY": Data(repeating: 9, count: 32).base64EncodedString()]
            let store = try folder.openStore(environment: right)
            _ = try await seed(store)
            try store.close()
            let path = folder.location.databasePath
            let before = databaseBytes(path).filter { !$0.key.hasSuffix("-shm") }
            #expect(before[path + "-wal"] != nil)
            let error = await expectStoreError {
                _ = try folder.openStore(environment: wrong, connections: connections)
            }
            #expect(error == .wrongKey(database: path, source: "AISH_SESSION_KEY"))
            // The key is checked as the writer's connection opens, before GRDB's pool (or
            // the WAL's set-up of a single connection) writes anything: the database and
            // its WAL are as they were, byte for byte.
            #expect(databaseBytes(path).filter { !$0.key.hasSuffix("-shm") } == before)
        }
    }

    @Test func aMissingKeyFileIsRefusedNotReplaced() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let session = try await seed(store)
            try store.close()
            let key = try #require(FileManager.default.contents(atPath: folder.location.keyPath))
            try FileManager.default.removeItem(atPath: folder.location.keyPath)
            let error = await expectStoreError { _ = try folder.openStore() }
            #expect(error == .missingKey(database: folder.location.databasePath, keyFile: folder.location.keyPath))
            #expect(!FileManager.default.fileExists(atPath: folder.location.keyPath))
            try PrivateFile.createExclusively(folder.location.keyPath, contents: key)
            #expect(try await folder.openStore().session(session.id).title == Self.secret)
        }
    }

    @Test func aKeyFileOthersCanReadIsRefused() async throws {
        try await TemporaryFolder.with { folder in
            _ = try folder.openStore()
            chmod(folder.location.keyPath, 0o644)
            let error = await expectStoreError { _ = try folder.openStore() }
            #expect(error == .keyFileTooOpen(path: folder.location.keyPath, mode: "0644"))
            #expect(error?.description.contains("chmod 600 \(folder.location.keyPath)") == true)
        }
    }

    @Test func malformedEnvironmentKeysAreRefusedWithoutEchoingThem() async throws {
        try await TemporaryFolder.with { folder in
            let short = Data(repeating: 1, count: 16).base64EncodedString()
            let error = await expectStoreError { _ = try folder.openStore(environment: ["AISH_SESSION_KEY": short]) }
            #expect(error == .invalidKey(source: "AISH_SESSION_KEY", detail: "it holds 16 bytes, not 32"))
            let junk = await expectStoreError {
                _ = try folder.openStore(environment: ["AISH_SESSION_KEY": "%%%secret%%%"])
            }
            #expect(junk?.description.contains("secret") == false)
        }
    }

    @Test func rekeyReencryptsEverythingAndReplacesTheKeyFile() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let session = try await seed(store)
            let oldKey = try #require(FileManager.default.contents(atPath: folder.location.keyPath))
            let before = try store.reading { db, _ in
                try Data.fetchAll(db, sql: "SELECT content FROM message ORDER BY id")
            }
            let count = try await store.rekey(to: .random())
            #expect(count == .init(sessions: 1, messages: 2))
            let newKey = try #require(FileManager.default.contents(atPath: folder.location.keyPath))
            #expect(newKey != oldKey)
            #expect(try PrivateFile.mode(folder.location.keyPath) == 0o600)
            #expect(!FileManager.default.fileExists(atPath: folder.location.keyPath + ".new"))
            let after = try store.reading { db, _ in
                try Data.fetchAll(db, sql: "SELECT content FROM message ORDER BY id")
            }
            #expect(zip(before, after).allSatisfy { $0 != $1 })
            // The same store keeps working, and a fresh one opens with the new file.
            _ = try await store.append(.question("after rekey", to: "apollo"), toSession: session.id)
            try store.close()
            let reopened = try folder.openStore()
            #expect(
                try await reopened.messages(inSession: session.id).map(\.content) == [
                    Self.secret, Self.reply, "after rekey",
                ])
            expectNoPlaintext(folder.location.databasePath, [Self.secret, Self.reply])
        }
    }

    @Test func aFailedRekeyChangesNothing() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let session = try await seed(store)
            let broken = try await store.createSession(specialist: "athena", firstMessage: "to be damaged")
            try await store.writing { db, _ in
                try db.execute(sql: "UPDATE session SET title = x'0102' WHERE id = ?", arguments: [broken.id])
            }
            let oldKey = FileManager.default.contents(atPath: folder.location.keyPath)
            let error = await expectStoreError { _ = try await store.rekey(to: .random()) }
            #expect(error == .undecryptableRow(database: folder.location.databasePath, session: broken.id))
            #expect(FileManager.default.contents(atPath: folder.location.keyPath) == oldKey)
            #expect(!FileManager.default.fileExists(atPath: folder.location.keyPath + ".new"))
            #expect(try await store.messages(inSession: session.id).map(\.content) == [Self.secret, Self.reply])
        }
    }

    @Test func anInterruptedRekeyIsFinishedOnOpen() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let session = try await seed(store)
            let oldKey = try #require(FileManager.default.contents(atPath: folder.location.keyPath))
            _ = try await store.rekey(to: .random())
            try store.close()
            // As if aish died after the commit and before renaming session.key.new.
            try FileManager.default.moveItem(atPath: folder.location.keyPath, toPath: folder.location.keyPath + ".new")
            try PrivateFile.createExclusively(folder.location.keyPath, contents: oldKey)
            let reopened = try folder.openStore()
            #expect(try await reopened.session(session.id).title == Self.secret)
            #expect(FileManager.default.contents(atPath: folder.location.keyPath) != oldKey)
            #expect(!FileManager.default.fileExists(atPath: folder.location.keyPath + ".new"))
        }
    }

    @Test func aRekeyElsewhereStopsThisStoreFromWritingUnderTheOldKey() async throws {
        try await TemporaryFolder.with { folder in
            let first = try folder.openStore()
            let second = try folder.openStore()
            let session = try await seed(first)
            _ = try await second.rekey(to: .random())
            let error = await expectStoreError {
                _ = try await first.append(.question("stale", to: "x"), toSession: session.id)
            }
            #expect(error == .keyChangedElsewhere(database: folder.location.databasePath))
        }
    }
}
