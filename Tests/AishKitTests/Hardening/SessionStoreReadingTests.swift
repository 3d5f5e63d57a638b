import Foundation
import GRDB
import Testing

@testable import AishKit

/// Issue 12, item 19: a damaged row does not hide the others, and a store opened
/// for reading writes nothing at all, on real SQLite files.
@Suite struct SessionStoreReadingTests {
    /// Three sessions with one exchange each, oldest first; the store is closed.
    private func makeSessions(in folder: TemporaryFolder) async throws -> [StoredSession] {
        let clock = FakeNow()
        let store = try folder.openStore(now: clock.closure)
        var made: [StoredSession] = []
        for index in 0..<3 {
            let session = try await store.createSession(specialist: "apollo", firstMessage: "question \(index)")
            let reply = try await store.beginExchange(
                inSession: session.id, question: "question \(index)", specialist: "apollo")
            try await store.update(reply, content: "answer \(index)", tokens: 2, status: .complete, isStreaming: false)
            made.append(session)
            clock.advance(days: 1)
        }
        try store.close()
        return made
    }

    /// Runs `sql` on the database file directly, as a damaged disk or an editor might.
    private func alter(_ folder: TemporaryFolder, _ sql: String, _ arguments: StatementArguments) throws {
        let queue = try DatabaseQueue(path: folder.location.databasePath)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.close()
    }

    @Test(arguments: [
        "UPDATE session SET title = X'0102' WHERE id = ?",
        "UPDATE session SET title = 'stored in the clear' WHERE id = ?",
    ])
    func aDamagedSessionRowIsListedByIdAmongTheOthers(sql: String) async throws {
        try await TemporaryFolder.with { folder in
            let made = try await makeSessions(in: folder)
            try alter(folder, sql, [made[1].id])
            for store in [
                try folder.openStore(),
                try SQLiteSessionStore.openForReading(location: folder.location, keyring: folder.fileKeyring),
            ] {
                let listed = try await store.sessions()
                #expect(listed.map(\.id) == made.reversed().map(\.id))
                #expect(listed.map(\.isDamaged) == [false, true, false])
                #expect(listed[1].title.contains("aish sessions delete \(made[1].id)"))
                #expect(listed[0].title == "question 2")
                let table = SessionListing.table(listed)
                #expect(table.contains("question 0") && table.contains("unreadable"))
                try store.close()
            }
        }
    }

    @Test func aDamagedMessageDoesNotStopASearch() async throws {
        try await TemporaryFolder.with { folder in
            let made = try await makeSessions(in: folder)
            try alter(folder, "UPDATE message SET content = X'00' WHERE session_id = ? AND role = 'user'", [made[0].id])
            let store = try folder.openStore()
            let hits = try await store.search("answer")
            #expect(hits.map(\.session.id) == made.reversed().map(\.id))
            #expect(hits.map(\.session.isDamaged) == [false, false, true])
            #expect(hits[0].messages.map(\.content) == ["answer 2"])
        }
    }

    /// Every file under `folder`, with its size, modification time and content; the
    /// `-shm` file only by its size, since every reader of a WAL database marks in
    /// that shared memory where it reads (it holds no data).
    private func snapshot(_ folder: TemporaryFolder) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let name = enumerator?.nextObject() as? String {
            if name.hasSuffix("-shm") {
                let size = try FileManager.default.attributesOfItem(atPath: folder.file(name))[.size]
                files[name] = "\(size ?? 0)"
                continue
            }
            let path = folder.file(name)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let content = FileManager.default.contents(atPath: path).map { "\($0.hashValue)" } ?? "folder"
            files[name] =
                "\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? 0) \(attributes[.posixPermissions] ?? 0) \(content)"
        }
        return files
    }

    /// Closing leaves the WAL (no copy into the database, no sync); readers and the
    /// next writer see everything it holds.
    @Test func closingKeepsTheWALAndEveryoneStillSeesItsContent() async throws {
        try await TemporaryFolder.with { folder in
            let made = try await makeSessions(in: folder)
            let wal = folder.location.databasePath + "-wal"
            let size = try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int
            #expect((size ?? 0) > 0)
            let reader = try SQLiteSessionStore.openForReading(location: folder.location, keyring: folder.fileKeyring)
            #expect(try await reader.sessions().map(\.id) == made.reversed().map(\.id))
            try reader.close()
            let writer = try folder.openStore()
            #expect(try await writer.messages(inSession: made[2].id).map(\.content) == ["question 2", "answer 2"])
            try writer.close()
        }
    }

    @Test func readingOpensWriteNothing() async throws {
        try await TemporaryFolder.with { folder in
            let made = try await makeSessions(in: folder)
            let before = try snapshot(folder)
            let store = try SQLiteSessionStore.openForReading(location: folder.location, keyring: folder.fileKeyring)
            #expect(try await store.sessions().map(\.id) == made.reversed().map(\.id))
            #expect(try await store.messages(inSession: made[0].id).map(\.content) == ["question 0", "answer 0"])
            #expect(try await store.search("answer 1").map(\.session.id) == [made[1].id])
            #expect(try await store.session(String(made[2].id.prefix(6))).id == made[2].id)
            try store.close()
            #expect(try snapshot(folder) == before)
        }
    }

    @Test func writingThroughAReadingStoreFails() async throws {
        try await TemporaryFolder.with { folder in
            let made = try await makeSessions(in: folder)
            let store = try SQLiteSessionStore.openForReading(location: folder.location, keyring: folder.fileKeyring)
            let refusal = SessionStoreError.databaseUnavailable(
                path: folder.location.databasePath, detail: "it was opened only for reading; nothing was changed")
            await #expect(throws: refusal) {
                try await store.createSession(specialist: "apollo", firstMessage: "hi")
            }
            await #expect(throws: SessionStoreError.self) { try await store.deleteSessions([made[0].id]) }
            try store.close()
            #expect(try await folder.openStore().sessions().count == 3)
        }
    }

    @Test func listingsPrintStoredTextWithoutEscapeSequences() {
        let session = StoredSession(
            id: "0123456789abcdef", title: "hi \u{1B}]0;PWNED\u{07}there", specialist: "apollo",
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        #expect(SessionListing.table([session]).contains("hi there"))
        let reply = StoredMessage(
            handle: MessageHandle(sessionID: session.id, messageID: 1), role: .specialist, specialist: "apollo",
            content: "the \u{1B}]52;c;aGk=\u{07}answer\u{1B}[2J", tokens: 1, status: .complete, isStreaming: false,
            createdAt: Date(timeIntervalSince1970: 0))
        let found = SessionListing.searchResults(
            [SessionSearchHit(session: session, titleMatches: true, messages: [reply])], query: "answer")
        #expect(found.contains("apollo: the answer"))
        #expect(!found.unicodeScalars.contains("\u{1B}") && !found.unicodeScalars.contains("\u{07}"))
    }

    @Test func readingBeforeAnySaveIsEmptyAndCreatesNothing() async throws {
        try await TemporaryFolder.with { folder in
            let store = try SQLiteSessionStore.openForReading(location: folder.location, keyring: folder.fileKeyring)
            #expect(try await store.sessions().isEmpty)
            #expect(try await store.search("x").isEmpty)
            try store.close()
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }

    @Test func readingWorksWhereSQLiteCannotSetUpItsSharedMemoryFile() async throws {
        // Side files that exist but cannot be used (a folder in the way of the -shm
        // file) fail SQLite as a read-only folder or a full disk does; the store then
        // reads the file as immutable.
        try await TemporaryFolder.with { folder in
            let made = try await makeSessions(in: folder)
            // aish leaves the WAL at close; a plain connection closing copies it into
            // the database and removes the side files, so that the test can put its own.
            try DatabaseQueue(path: folder.location.databasePath).close()
            #expect(
                FileManager.default.createFile(
                    atPath: folder.location.databasePath + "-wal", contents: Data(),
                    attributes: [.posixPermissions: 0o600]))
            try FileManager.default.createDirectory(
                atPath: folder.location.databasePath + "-shm", withIntermediateDirectories: false)
            let before = try snapshot(folder)
            let store = try SQLiteSessionStore.openForReading(location: folder.location, keyring: folder.fileKeyring)
            #expect(try await store.sessions().map(\.id) == made.reversed().map(\.id))
            try store.close()
            #expect(try snapshot(folder) == before)
        }
    }

    @Test func aWrongKeyIsStillRefusedWhenReading() async throws {
        try await TemporaryFolder.with { folder in
            _ = try await makeSessions(in: folder)
            let other = SessionKeyring(
                environment: ["AISH_SESSION_KEY": Data(repeating: 9, count: 32).base64EncodedString()],
                filePath: folder.location.keyPath)
            #expect(throws: SessionStoreError.self) {
                try SQLiteSessionStore.openForReading(location: folder.location, keyring: other)
            }
        }
    }
}
