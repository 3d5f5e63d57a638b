import Foundation
import GRDB
import Testing

@testable import AishKit

/// Sessions over time: pruning idle ones, replies whose process died, damaged files.
@Suite struct SessionLifecycleTests {
    @Test func pruningDeletesOnlySessionsIdleLongerThanTheTTL() async throws {
        try await TemporaryFolder.with { folder in
            let clock = FakeNow()
            let store = try folder.openStore(now: clock.closure)
            let old = try await store.createSession(specialist: "apollo", firstMessage: "old")
            _ = try await store.append(.question("old", to: "apollo"), toSession: old.id)
            _ = try await store.append(
                .init(role: .specialist, specialist: "apollo", content: "done"), toSession: old.id)
            let streaming = try await store.createSession(specialist: "apollo", firstMessage: "still streaming")
            _ = try await store.beginExchange(inSession: streaming.id, question: "x", specialist: "apollo")
            clock.advance(days: 20)
            let recent = try await store.createSession(specialist: "apollo", firstMessage: "recent")
            clock.advance(days: 20)
            #expect(try await store.prune(idleLongerThan: .init(seconds: 0), now: clock.date) == 0)
            #expect(try await store.prune(idleLongerThan: .defaultTTL, now: clock.date) == 1)
            #expect(Set(try await store.sessions().map(\.id)) == [recent.id, streaming.id])
            let orphans = try store.reading { db, _ in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message WHERE session_id = ?", arguments: [old.id])
            }
            #expect(orphans == 0)
        }
    }

    @Test func aReplyWhoseProcessDiedIsInterruptedOnTheNextOpen() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            let session = try await store.createSession(specialist: "apollo", firstMessage: "q")
            let reply = try await store.beginExchange(inSession: session.id, question: "q", specialist: "apollo")
            try await store.update(reply, content: "half a repl", tokens: 3, status: .partial, isStreaming: true)
            // This process is alive, so reopening leaves the reply streaming.
            #expect(try await folder.openStore().messages(inSession: session.id).last?.isStreaming == true)
            // A writer that no longer exists (no process has pid 2^22 + 1 on Linux; the start time differs anyway).
            try await store.writing { db, _ in
                try db.execute(
                    sql: "UPDATE message SET writer = '4194305/1' WHERE id = ?", arguments: [reply.messageID])
            }
            try store.close()
            let last = try #require(try await folder.openStore().messages(inSession: session.id).last)
            #expect(last.status == .interrupted)
            #expect(!last.isStreaming)
            #expect(last.content == "half a repl")
        }
    }

    @Test func aReusedPidIsNotMistakenForTheWriter() {
        let current = WriterIdentity.current
        #expect(WriterIdentity.isAlive(current))
        let pid = current.split(separator: "/")[0]
        #expect(!WriterIdentity.isAlive("\(pid)/999999999999"))
        #expect(!WriterIdentity.isAlive("garbage"))
    }

    @Test func aFileThatIsNotADatabaseIsReportedAndKept() async throws {
        try await TemporaryFolder.with { folder in
            let path = folder.location.databasePath
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let junk = Data(String(repeating: "these are my notes, not a database\n", count: 200).utf8)
            #expect(FileManager.default.createFile(atPath: path, contents: junk))
            let error = await expectStoreError { _ = try folder.openStore() }
            guard case .corruptDatabase(let reported, _)? = error else {
                Issue.record("not reported as damaged: \(String(describing: error))")
                return
            }
            #expect(reported == path)
            #expect(error?.description.contains("left it untouched") == true)
            #expect(error?.exitCode == 74)
            #expect(FileManager.default.contents(atPath: path) == junk)
            // Opening again is refused again: nothing was "repaired" meanwhile.
            #expect(await expectStoreError { _ = try folder.openStore() } == error)
            #expect(!FileManager.default.fileExists(atPath: folder.location.keyPath))
        }
    }

    @Test func aDamagedDatabaseIsReportedAndKept() async throws {
        try await TemporaryFolder.with { folder in
            let store = try folder.openStore()
            for index in 0..<50 {
                let session = try await store.createSession(specialist: "apollo", firstMessage: "question \(index)")
                _ = try await store.append(
                    .question(String(repeating: "words ", count: 200), to: "apollo"), toSession: session.id)
            }
            // Move everything from the WAL into the file, so the damage below hits it.
            _ = try await store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try store.close()
            let path = folder.location.databasePath
            var bytes = try #require(FileManager.default.contents(atPath: path))
            // Overwrite everything after the first page (the schema stays readable).
            bytes.replaceSubrange(4096..<bytes.count, with: Data(repeating: 0xA5, count: bytes.count - 4096))
            try bytes.write(to: URL(fileURLWithPath: path))
            var error: SessionStoreError?
            do {
                let damaged = try folder.openStore()
                _ = try await damaged.search("question")
            } catch let caught as SessionStoreError {
                error = caught
            }
            guard case .corruptDatabase? = error else {
                Issue.record("not reported as damaged: \(String(describing: error))")
                return
            }
            // GRDB's pool set-up may add a page of its own; the damaged pages stay as they were.
            let after = try #require(FileManager.default.contents(atPath: path))
            #expect(after.count >= bytes.count)
            #expect(after[4096..<bytes.count] == bytes[4096..<bytes.count])
        }
    }

    @Test func anUnwritableFolderIsAClearError() async throws {
        try await TemporaryFolder.with { folder in
            guard getuid() != 0 else { return }  // root writes anywhere
            try FileManager.default.createDirectory(atPath: folder.file("locked"), withIntermediateDirectories: true)
            chmod(folder.file("locked"), 0o500)
            defer { chmod(folder.file("locked"), 0o700) }
            let location = SessionLocation(
                databasePath: folder.file("locked/aish/sessions.sqlite"), keyPath: folder.location.keyPath)
            let error = await expectStoreError {
                _ = try SQLiteSessionStore(location: location, keyring: folder.fileKeyring)
            }
            guard case .databaseUnavailable(let path, _)? = error else {
                Issue.record("unexpected: \(String(describing: error))")
                return
            }
            #expect(path == location.databasePath)
        }
    }
}
