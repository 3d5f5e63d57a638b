import AishKit
import AishMockServer
import AishTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Sessions in PostgreSQL through the real binary, against a throwaway cluster of
/// the test run's: shared between two homes with one key, unreadable with another,
/// kept through `kill -9`, and never in the clear on the server.
@Suite(.timeLimit(.minutes(3))) struct PostgresStoreTests {
    /// A conversation started in one home is listed, shown and continued in another
    /// that has the same key file; the database holds none of its words.
    @Test func twoHomesWithOneKeyShareSessions() async throws {
        let url = try await PostgresTestCluster.freshDatabase()
        try await SessionSandbox.with { laptop in
            try await SessionSandbox.with { buildBox in
                try await withFastMock { mock in
                    let first = try await AishProcess.run(
                        ["--url", mock, "apollo", "plan the zanzibar launch"],
                        environment: PostgresStoreTests.environment(laptop, url))
                    #expect(first.status == 0, "\(first.errors)")
                    #expect(first.errors.isEmpty)

                    try FileManager.default.createDirectory(
                        atPath: (buildBox.keyPath as NSString).deletingLastPathComponent,
                        withIntermediateDirectories: true)
                    try FileManager.default.copyItem(atPath: laptop.keyPath, toPath: buildBox.keyPath)
                    let continued = try await AishProcess.run(
                        ["--url", mock, "-c", "and the quokka budget?"],
                        environment: PostgresStoreTests.environment(buildBox, url))
                    #expect(continued.status == 0, "\(continued.errors)")
                    // The first turn, read from the shared store, went along (the mock's reply quotes its start).
                    #expect(continued.output.contains("Earlier in this conversation"))

                    let listed = try PostgresStoreTests.decode(
                        [Listed].self,
                        try await AishProcess.run(
                            ["sessions", "--json"], environment: PostgresStoreTests.environment(laptop, url)))
                    let id = try #require(listed.first?.id)
                    #expect(listed.count == 1)
                    let shown = try PostgresStoreTests.decode(
                        Shown.self,
                        try await AishProcess.run(
                            ["sessions", "show", String(id.prefix(6)), "--json"],
                            environment: PostgresStoreTests.environment(laptop, url))
                    )
                    #expect(shown.messages.map(\.role) == ["user", "specialist", "user", "specialist"])
                    #expect(shown.messages[2].content == "and the quokka budget?")

                    let found = try await AishProcess.run(
                        ["sessions", "search", "zanzibar"], environment: PostgresStoreTests.environment(buildBox, url))
                    #expect(found.output.contains(String(id.prefix(8))))

                    let dump = try await PostgresTestCluster.dump(url)
                    #expect(dump.contains(id))
                    for word in ["zanzibar", "quokka", "launch"] { #expect(!dump.lowercased().contains(word)) }
                }
            }
        }
    }

    /// Another key sees none of the sessions and is told why, with exit 78.
    @Test func anotherKeyIsToldTheSessionsAreNotItsOwn() async throws {
        let url = try await PostgresTestCluster.freshDatabase()
        try await SessionSandbox.with { mine in
            try await SessionSandbox.with { theirs in
                try await withFastMock { mock in
                    let made = try await AishProcess.run(
                        ["--url", mock, "apollo", "hello"], environment: PostgresStoreTests.environment(mine, url))
                    #expect(made.status == 0, "\(made.errors)")
                    // No key at all: reading makes none, and says where it should be.
                    let keyless = try await AishProcess.run(
                        ["sessions"], environment: PostgresStoreTests.environment(theirs, url))
                    #expect(keyless.status == 78)
                    #expect(keyless.errors.contains("there is no key at \(theirs.keyPath)"))
                    #expect(!FileManager.default.fileExists(atPath: theirs.keyPath))
                    // A key of their own sees none of these sessions.
                    let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
                    let other = try await AishProcess.run(
                        ["sessions"],
                        environment: PostgresStoreTests.environment(theirs, url).merging(["AISH_SESSION_KEY": key]) {
                            $1
                        })
                    #expect(other.status == 78)
                    #expect(other.errors.contains("holds 1 session, none sealed with the key from AISH_SESSION_KEY"))
                    #expect(other.output.isEmpty)
                }
            }
        }
    }

    /// `kill -9` in the middle of a reply: what was checkpointed is in PostgreSQL, and
    /// the next aish shows it as interrupted.
    @Test func killNineMidReplyKeepsThePartialReply() async throws {
        let url = try await PostgresTestCluster.freshDatabase()
        // The reply stops after 40 tokens, so it is still under way when killed,
        // however long the checks take on a busy machine.
        let hold = GenerationHold()
        hold.hold(afterTokens: 40)
        defer { hold.release() }
        try await SessionSandbox.with { sandbox in
            try await withFastMock(tokensPerSecond: 400, hold: hold) { mock in
                let running = try RunningAish(
                    ["--url", mock, "apollo", "a long answer please"],
                    environment: PostgresStoreTests.environment(sandbox, url))
                let checkpointed = try await RunningAish.waitUntil {
                    guard !running.stdout.isEmpty else { return false }
                    let result = try await AishProcess.run(
                        ["sessions", "--json"], environment: PostgresStoreTests.environment(sandbox, url))
                    guard let id = (try? PostgresStoreTests.decode([Listed].self, result))?.first?.id else {
                        return false
                    }
                    let shown = try await AishProcess.run(
                        ["sessions", "show", id, "--json"], environment: PostgresStoreTests.environment(sandbox, url))
                    let reply = (try? PostgresStoreTests.decode(Shown.self, shown))?.messages.last
                    return reply?.role == "specialist" && reply?.content.isEmpty == false
                }
                #expect(checkpointed, "stderr: \(running.stderr)")
                await running.kill(SIGKILL)
                hold.release()
                let printed = String(decoding: running.stdout, as: UTF8.self)
                let listed = try PostgresStoreTests.decode(
                    [Listed].self,
                    try await AishProcess.run(
                        ["sessions", "--json"], environment: PostgresStoreTests.environment(sandbox, url)))
                let id = try #require(listed.first?.id)
                let shown = try PostgresStoreTests.decode(
                    Shown.self,
                    try await AishProcess.run(
                        ["sessions", "show", id, "--json"], environment: PostgresStoreTests.environment(sandbox, url)))
                let reply = try #require(shown.messages.last)
                #expect(reply.status == "interrupted")
                #expect(!reply.content.isEmpty)
                #expect(printed.hasPrefix(reply.content))
            }
        }
    }

    /// A store that cannot be reached does not stop a chat: one warning, the reply,
    /// exit 0. A bad URL is refused, its password never shown.
    @Test func anUnreachableStoreWarnsOnceAndTheReplyStillPrints() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { mock in
                let gone = "postgres://aish:hunter2@/sessions?host=\(sandbox.path)"
                let chat = try await AishProcess.run(
                    ["--url", mock, "apollo", "still answer me"],
                    environment: PostgresStoreTests.environment(sandbox, gone))
                #expect(chat.status == 0)
                #expect(chat.output.contains("still answer me"))
                #expect(chat.errors.components(separatedBy: "warning").count == 2, "\(chat.errors)")
                #expect(chat.errors.contains("cannot reach the session store postgres://aish@[\(sandbox.path)]"))
                #expect(!chat.errors.contains("hunter2"))

                let bad = try await AishProcess.run(
                    ["sessions", "--store", "postgres://aish:hunter2@db.example:99999/x"],
                    environment: sandbox.environment)
                #expect(bad.status == 64)
                #expect(bad.errors.contains("the port 99999 is not 1–65535"))
                #expect(!bad.errors.contains("hunter2"))

                let shown = try await AishProcess.run(
                    ["config", "show"], environment: PostgresStoreTests.environment(sandbox, gone))
                #expect(shown.output.contains("session.store"))
                #expect(shown.output.contains("aish:***@"))
                #expect(!shown.output.contains("hunter2"))
            }
        }
    }
}

/// The store's server away: the chat goes on, is kept on this machine, and reaches
/// the server later, whole. Each test stops a cluster of its own.
@Suite(.timeLimit(.minutes(3))) struct PostgresOutboxTests {
    @Test func aStoreDownAtTheStartKeepsTheChatAndTheNextRunSendsIt() async throws {
        let cluster = await PostgresTestCluster.starting()
        let url = try await cluster.freshDatabase()
        try await cluster.stopServer()
        try await SessionSandbox.with { sandbox in
            try await withFastMock { mock in
                // Nothing to continue on this machine: -c says why it cannot look, and
                // claims to keep nothing.
                let continued = try await AishProcess.run(
                    ["--url", mock, "-c", "and then?"], environment: PostgresStoreTests.environment(sandbox, url))
                #expect(continued.status == 69)
                #expect(continued.errors.contains("cannot reach the session store"))
                #expect(!continued.errors.contains("kept on this machine"))

                let chat = try await AishProcess.run(
                    ["--url", mock, "apollo", "while the database sleeps"],
                    environment: PostgresStoreTests.environment(sandbox, url))
                #expect(chat.status == 0, "\(chat.errors)")
                #expect(chat.output.contains("while the database sleeps"))
                #expect(chat.errors.components(separatedBy: "aish: warning:").count == 2, "\(chat.errors)")
                #expect(chat.errors.contains("this conversation is kept on this machine"))

                let status = try await AishProcess.run(
                    ["status", "--url", mock], environment: PostgresStoreTests.environment(sandbox, url))
                #expect(status.output.contains("1 session(s), 2 message(s) wait on this machine"), "\(status.output)")
                #expect(status.output.contains("(UNREACHABLE or refused: cannot reach the session store"))
                // Meanwhile, what this machine kept can be listed, with a word on why only that.
                let offline = try await AishProcess.run(
                    ["sessions", "--json"], environment: PostgresStoreTests.environment(sandbox, url))
                #expect(offline.status == 0, "\(offline.errors)")
                #expect(try PostgresStoreTests.decode([Listed].self, offline).map(\.messageCount) == [2])
                #expect(offline.errors.contains("showing only the 1 session(s) kept on this machine"))

                try await cluster.startServer()
                // The next aish that reaches the server sends the outbox first.
                let listed = try PostgresStoreTests.decode(
                    [Listed].self,
                    try await AishProcess.run(
                        ["sessions", "--json"], environment: PostgresStoreTests.environment(sandbox, url)))
                #expect(listed.map(\.messageCount) == [2])
                let after = try await AishProcess.run(
                    ["status", "--url", mock], environment: PostgresStoreTests.environment(sandbox, url))
                #expect(
                    after.output.contains("(1 session(s) of this key; nothing waits on this machine)"),
                    "\(after.output)")
                let sync = try await AishProcess.run(
                    ["sessions", "sync"], environment: PostgresStoreTests.environment(sandbox, url))
                #expect(sync.output.hasPrefix("Nothing to send"))
            }
        }
    }

    /// The server stopped in the middle of a reply: the reply still prints in full
    /// (exit 0, one warning), and `aish sessions sync` later completes the partial
    /// row on the server instead of adding a second reply.
    @Test func theServerStoppedMidReplyLosesNothing() async throws {
        let cluster = await PostgresTestCluster.starting()
        let url = try await cluster.freshDatabase()
        // The reply stops after 40 tokens until the database server is down, however
        // long the checks below take on a busy machine.
        let hold = GenerationHold()
        hold.hold(afterTokens: 40)
        defer { hold.release() }
        try await SessionSandbox.with { sandbox in
            try await withFastMock(tokensPerSecond: 400, hold: hold) { mock in
                let running = try RunningAish(
                    ["--url", mock, "--max-tokens", "160", "apollo", "keep talking"],
                    environment: PostgresStoreTests.environment(sandbox, url))
                let checkpointed = try await RunningAish.waitUntil {
                    guard !running.stdout.isEmpty else { return false }
                    let result = try await AishProcess.run(
                        ["sessions", "--json"], environment: PostgresStoreTests.environment(sandbox, url))
                    return (try? PostgresStoreTests.decode([Listed].self, result))?.first?.messageCount == 2
                }
                #expect(checkpointed, "stderr: \(running.stderr)")
                try await cluster.stopServer()
                hold.release()
                #expect(await running.waitForExit() == 0, "\(running.stderr)")
                #expect(running.stderr.components(separatedBy: "aish: warning:").count == 2, "\(running.stderr)")
                let printed = String(decoding: running.stdout, as: UTF8.self)

                try await cluster.startServer()
                let sync = try await AishProcess.run(
                    ["sessions", "sync"], environment: PostgresStoreTests.environment(sandbox, url))
                #expect(sync.output.contains("Sent 1 session(s) and 1 message(s)"), "\(sync.output)\(sync.errors)")
                let id = try #require(
                    try PostgresStoreTests.decode(
                        [Listed].self,
                        try await AishProcess.run(
                            ["sessions", "--json"], environment: PostgresStoreTests.environment(sandbox, url))
                    ).first?.id)
                let shown = try PostgresStoreTests.decode(
                    Shown.self,
                    try await AishProcess.run(
                        ["sessions", "show", id, "--json"], environment: PostgresStoreTests.environment(sandbox, url)))
                #expect(shown.messages.map(\.role) == ["user", "specialist"])
                let reply = try #require(shown.messages.last)
                #expect(reply.status == "complete")
                #expect(printed.hasPrefix(reply.content) && reply.content.count > printed.count / 2)
            }
        }
    }
}

/// `aish sessions show --json`, as far as these tests read it.
private struct Shown: Decodable {
    struct Message: Decodable {
        var role: String
        var content: String
        var status: String
    }
    var id: String
    var messages: [Message]
}

/// One row of `aish sessions --json`.
private struct Listed: Decodable {
    var id: String
    var messageCount: Int
}

extension PostgresStoreTests {
    static func decode<T: Decodable>(_ type: T.Type, _ result: ProcessResult) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: result.stdout)
    }

    /// The sandbox's environment with `session.store` set to `url` (by the variable).
    static func environment(_ sandbox: SessionSandbox, _ url: String) -> [String: String] {
        sandbox.environment.merging(["AISH_SESSION_STORE": url]) { $1 }
    }
}

/// `aish sessions export --all` and `import` move every session between the
/// SQLite file and PostgreSQL, both ways, keeping ids, titles and messages.
@Suite(.timeLimit(.minutes(3))) struct SessionImportTests {
    @Test func everySessionMovesToPostgresAndBack() async throws {
        let url = try await PostgresTestCluster.freshDatabase()
        try await SessionSandbox.with { laptop in
            try await SessionSandbox.with { elsewhere in
                try await withFastMock { mock in
                    for words in ["the first chat", "the second chat"] {
                        let chat = try await AishProcess.run(
                            ["--url", mock, "apollo", words], environment: laptop.environment)
                        #expect(chat.status == 0, "\(chat.errors)")
                    }
                    let local = try await AishProcess.run(
                        ["sessions", "export", "--all"], environment: laptop.environment)
                    #expect(local.status == 0, "\(local.errors)")
                    let file = (laptop.path as NSString).appendingPathComponent("all.json")
                    try local.stdout.write(to: URL(fileURLWithPath: file))

                    let imported = try await AishProcess.run(
                        ["sessions", "import", file, "--store", url], environment: laptop.environment)
                    #expect(imported.output.hasPrefix("Imported 2 session(s) (4 message(s)) into postgres://"))
                    let again = try await AishProcess.run(
                        ["sessions", "import", file, "--store", url], environment: laptop.environment)
                    #expect(again.output.contains("Imported 0 session(s) (0 message(s))"))
                    #expect(again.output.contains("2 already there"))

                    // Back from PostgreSQL, into another home's SQLite file with the same key.
                    let remote = try await AishProcess.run(
                        ["sessions", "export", "--all", "--store", url], environment: laptop.environment)
                    try FileManager.default.createDirectory(
                        atPath: (elsewhere.keyPath as NSString).deletingLastPathComponent,
                        withIntermediateDirectories: true)
                    try FileManager.default.copyItem(atPath: laptop.keyPath, toPath: elsewhere.keyPath)
                    let back = try await AishProcess.run(
                        ["sessions", "import", "-"], stdin: remote.output, environment: elsewhere.environment)
                    #expect(back.output.hasPrefix("Imported 2 session(s) (4 message(s))"), "\(back.errors)")
                    let there = try await AishProcess.run(
                        ["sessions", "export", "--all"], environment: elsewhere.environment)
                    // The same sessions in the same order, with their messages and times (to
                    // the millisecond); message ids are each store's own.
                    let sessions = { (text: String) throws -> [String] in
                        let array = try #require(
                            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
                        return array.map { session in
                            var session = session
                            session["messages"] = (session["messages"] as? [[String: Any]])?.map {
                                $0.filter { $0.key != "id" }
                            }
                            let data = try? JSONSerialization.data(withJSONObject: session, options: [.sortedKeys])
                            return String(decoding: data ?? Data(), as: UTF8.self)
                        }
                    }
                    #expect(try sessions(there.output) == sessions(local.output))
                    #expect(try sessions(local.output).count == 2)
                }
            }
        }
    }

    @Test func aFileThatIsNotAnExportIsRefusedWithWhatIsWrong() async throws {
        try await SessionSandbox.with { sandbox in
            let missing = try await AishProcess.run(
                ["sessions", "import", "-"], stdin: #"[{"id": "zz"}]"#, environment: sandbox.environment)
            #expect(missing.status == 64)
            #expect(missing.errors.contains("title is missing"))
            let badID = try await AishProcess.run(
                ["sessions", "import", "-"],
                stdin:
                    #"{"id": "zz", "title": "t", "specialist": "apollo", "created_at": "2026-12-04T10:00:00Z", "updated_at": "2026-12-04T10:00:00Z", "message_count": 0}"#,
                environment: sandbox.environment)
            #expect(badID.status == 64)
            #expect(badID.errors.contains("session 1 (zz): id is 'zz'; expected 16 hex digits"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.databasePath))
        }
    }
}

/// TLS to the store, with libpq's `sslmode` meanings and the CA from `sslrootcert`
/// or `AISH_CACERT` (the variable behind `--cacert`).
@Suite(.timeLimit(.minutes(3))) struct PostgresTLSTests {
    @Test func verifyFullTrustsTheGivenAuthorityOnly() async throws {
        let certificates = try TestCertificates.make()
        let cluster = await PostgresTestCluster.starting(
            port: try LoopbackSocket.freePort(), tls: (certificates.certificatePath, certificates.keyPath))
        let plain = try await cluster.freshDatabase()
        let base = try #require(plain.components(separatedBy: "?").first)
        try await SessionSandbox.with { sandbox in
            func sessions(_ url: String, _ extra: [String: String] = [:]) async throws -> ProcessResult {
                try await AishProcess.run(
                    ["sessions", "--store", url], environment: sandbox.environment.merging(extra) { $1 })
            }
            let verified = try await sessions(
                base + "?sslmode=verify-full&sslrootcert=\(certificates.authorityPath)")
            #expect(verified.status == 0, "\(verified.errors)")
            #expect(verified.output.hasPrefix("No sessions yet"))

            let fromVariable = try await sessions(
                base + "?sslmode=verify-full", ["AISH_CACERT": certificates.authorityPath])
            #expect(fromVariable.status == 0, "\(fromVariable.errors)")

            // The system's CAs do not know the test authority.
            let untrusted = try await sessions(base + "?sslmode=verify-full")
            #expect(untrusted.status == 74)
            #expect(untrusted.errors.contains("TLS failed"))
            #expect(!untrusted.errors.contains(PostgresTestCluster.password))

            // require encrypts without checking, as libpq's does.
            let required = try await sessions(base + "?sslmode=require")
            #expect(required.status == 0, "\(required.errors)")
        }
    }
}
