import AishKit
import AishMockServer
import AishTestSupport
import Foundation
import Testing

/// Chats and their sessions through the real binary: every chat is saved, `-c` and
/// `--session` continue one, `kill -9` keeps what was received, two processes share
/// the database.
@Suite struct SessionChatTests {
    private struct Listed: Decodable {
        var id: String
        var title: String
        var specialist: String
        var messageCount: Int
    }

    private struct Shown: Decodable {
        struct Message: Decodable {
            var role: String
            var content: String
            var status: String
            var streaming: Bool
        }
        var id: String
        var messages: [Message]
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ result: ProcessResult) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: result.stdout)
    }

    private func list(_ sandbox: SessionSandbox) async throws -> [Listed] {
        let result = try await AishProcess.run(["sessions", "--json"], environment: sandbox.environment)
        #expect(result.status == 0, "stderr: \(result.errors)")
        return try Self.decode([Listed].self, result)
    }

    private func show(_ id: String, _ sandbox: SessionSandbox) async throws -> Shown {
        let result = try await AishProcess.run(["sessions", "show", id, "--json"], environment: sandbox.environment)
        #expect(result.status == 0, "stderr: \(result.errors)")
        return try Self.decode(Shown.self, result)
    }

    @Test func aOneShotChatIsSavedAsASession() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let chat = try await AishProcess.run(
                    ["--url", url, "apollo", "Explain the retry policy"], environment: sandbox.environment)
                #expect(chat.status == 0, "stderr: \(chat.errors)")
                let sessions = try await list(sandbox)
                #expect(sessions.count == 1)
                #expect(sessions.first?.title == "Explain the retry policy")
                #expect(sessions.first?.specialist == "apollo")
                #expect(sessions.first?.messageCount == 2)
                let shown = try await show(try #require(sessions.first?.id), sandbox)
                #expect(shown.messages.map(\.role) == ["user", "specialist"])
                #expect(shown.messages.map(\.status) == ["complete", "complete"])
                #expect(shown.messages.last?.content == chat.output)
                #expect(shown.messages.last?.streaming == false)
            }
        }
    }

    @Test func continueAddsToTheLatestSessionAndSendsItsTurns() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let env = sandbox.environment
                // Over v1 there are no server sessions, so the turns travel with the message.
                #expect(
                    try await AishProcess.run(
                        ["--url", url, "--transport", "v1", "apollo", "first question"], environment: env
                    ).status == 0)
                let second = try await AishProcess.run(
                    ["--url", url, "--transport", "v1", "-c", "apollo", "second question"], environment: env)
                #expect(second.status == 0, "stderr: \(second.errors)")
                // The mock echoes the start of what it received: the earlier turns came first.
                #expect(second.output.contains("Earlier in this conversation"))
                let sessions = try await list(sandbox)
                #expect(sessions.count == 1)
                #expect(sessions.first?.messageCount == 4)
                let id = try #require(sessions.first?.id)
                let third = try await AishProcess.run(
                    ["--url", url, "--session", String(id.prefix(5)), "athena", "third"], environment: env)
                #expect(third.status == 0, "stderr: \(third.errors)")
                let shown = try await show(id, sandbox)
                #expect(
                    shown.messages.filter { $0.role == "user" }.map(\.content) == [
                        "first question", "second question", "third",
                    ])
            }
        }
    }

    @Test func unknownSessionsAndNothingToContinueAreClearErrors() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let env = sandbox.environment
                let nothing = try await AishProcess.run(["--url", url, "-c", "apollo", "more"], environment: env)
                #expect(nothing.status == 67)
                #expect(nothing.errors.contains("there is no session in"))
                #expect(try await AishProcess.run(["--url", url, "apollo", "hello"], environment: env).status == 0)
                let id = try #require(try await list(sandbox).first?.id)
                let other = id.hasPrefix("f") ? "0" : "f"
                let unknown = try await AishProcess.run(
                    ["--url", url, "--session", other + "abc", "apollo", "x"], environment: env)
                #expect(unknown.status == 67)
                #expect(unknown.errors.contains("no session id starts with '\(other)abc'"))
                #expect(unknown.errors.contains(id))
                #expect(unknown.output.isEmpty)
            }
        }
    }

    @Test func killNineMidReplyKeepsThePartialReplyAsInterrupted() async throws {
        // The reply stops after 40 tokens, so it is still under way when killed,
        // however long the checks take on a busy machine.
        let hold = GenerationHold()
        hold.hold(afterTokens: 40)
        defer { hold.release() }
        try await SessionSandbox.with { sandbox in
            try await withFastMock(tokensPerSecond: 400, hold: hold) { url in
                let running = try RunningAish(
                    ["--url", url, "apollo", "a long answer please"], environment: sandbox.environment)
                let store = try await Self.openStore(sandbox)
                // Wait for text on the screen and a checkpoint holding some of it.
                let checkpointed = try await RunningAish.waitUntil {
                    guard !running.stdout.isEmpty, let session = try await store.latestSession() else { return false }
                    let reply = try await store.messages(inSession: session.id).last
                    return reply?.role == .specialist && reply?.content.isEmpty == false
                }
                #expect(checkpointed, "stdout \(running.stdout.count) bytes; stderr: \(running.stderr)")
                await running.kill(SIGKILL)
                hold.release()
                let printed = String(decoding: running.stdout, as: UTF8.self)
                let id = try #require(try await list(sandbox).first?.id)
                let shown = try await show(id, sandbox)
                let reply = try #require(shown.messages.last)
                #expect(reply.status == "interrupted")
                #expect(!reply.streaming)
                #expect(!reply.content.isEmpty)
                #expect(printed.hasPrefix(reply.content))
            }
        }
    }

    @Test func twoProcessesShareOneNewDatabase() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock(tokensPerSecond: 400) { url in
                let env = sandbox.environment
                // Both start on a database and key that do not exist yet.
                async let first = AishProcess.run(["--url", url, "apollo", "from the first"], environment: env)
                async let second = AishProcess.run(["--url", url, "athena", "from the second"], environment: env)
                let results = try await [first, second]
                for result in results { #expect(result.status == 0, "stderr: \(result.errors)") }
                let sessions = try await list(sandbox)
                #expect(Set(sessions.map(\.title)) == ["from the first", "from the second"])
                #expect(sessions.allSatisfy { $0.messageCount == 2 })
            }
        }
    }

    @Test func nothingSentIsReadableOnDisk() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let question = "gazelle-ultramarine-4471 is the passphrase"
                let chat = try await AishProcess.run(
                    ["--url", url, "apollo", question], environment: sandbox.environment)
                #expect(chat.status == 0)
                let reply = chat.output.split(separator: "\n").map(String.init).filter { $0.count > 20 }
                #expect(!reply.isEmpty)
                var files = 0
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    guard let bytes = FileManager.default.contents(atPath: sandbox.databasePath + suffix) else {
                        continue
                    }
                    files += 1
                    for phrase in [question, "gazelle-ultramarine"] + reply.prefix(5) {
                        #expect(bytes.range(of: Data(phrase.utf8)) == nil, "'\(phrase)' in \(suffix)")
                    }
                }
                #expect(files >= 1)
            }
        }
    }

    static func openStore(_ sandbox: SessionSandbox) async throws -> SQLiteSessionStore {
        let location = SessionLocation(databasePath: sandbox.databasePath, keyPath: sandbox.keyPath)
        var store: SQLiteSessionStore?
        // aish creates the database and key as it starts; wait for both. Opening may
        // wait up to 10 s for aish's write lock: never on the pool the mock runs on.
        _ = try await RunningAish.waitUntil {
            store = await onThreadOfItsOwn {
                try? SQLiteSessionStore(
                    location: location, keyring: SessionKeyring(environment: [:], filePath: sandbox.keyPath))
            }
            return store != nil
        }
        return try #require(store)
    }
}

/// Ctrl-C in a one-shot chat stops the reply, keeps what arrived, and exits 130;
/// SIGTERM and SIGHUP do the same, and exit 143 and 129 as the signal asks.
@Suite(.timeLimit(.minutes(2))) struct OneShotInterruptTests {
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func aSignalStopsTheReplyKeepsThePartialTextAndExits(signal: Int32, expected: Int32) async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock(tokensPerSecond: 100) { url in
                // Checkpoints far apart: what is saved comes from the final save.
                let chat = try StreamingAish.start(
                    ["--url", url, "--max-tokens", "3000", "apollo", "a slow answer"], sandbox: sandbox,
                    environment: ["AISH_SESSION_CHECKPOINT_INTERVAL": "10000"])
                let first = await chat.firstOutput()
                #expect(!first.isEmpty)
                chat.process.send(signal)
                let ending = await chat.finish()
                let (errors, status) = (ending.errors, ending.status)
                let printed = String(decoding: first + ending.output, as: UTF8.self)
                #expect(status == expected, "\(errors)")
                #expect(errors.contains("stopped"))
                #expect(errors.contains("marked stopped"))

                let reply = try await lastStoredReply(in: sandbox)
                #expect(reply.status == "stopped")
                #expect(!reply.content.isEmpty)
                #expect(printed.hasPrefix(reply.content) || reply.content.hasPrefix(printed))
                #expect(reply.content.count < 3000 * 3)
            }
        }
    }
}

/// The last message of the most recent session in `sandbox`, as `aish sessions show --json` gives it.
func lastStoredReply(in sandbox: SessionSandbox) async throws -> (content: String, status: String) {
    let list = try await AishProcess.run(["sessions", "--json"], environment: sandbox.environment)
    struct Listed: Decodable { var id: String }
    let id = try #require(try JSONDecoder().decode([Listed].self, from: list.stdout).first?.id)
    let shown = try await AishProcess.run(["sessions", "show", id, "--json"], environment: sandbox.environment)
    struct Shown: Decodable {
        struct Message: Decodable {
            var content: String
            var status: String
        }
        var messages: [Message]
    }
    let reply = try #require(try JSONDecoder().decode(Shown.self, from: shown.stdout).messages.last)
    return (reply.content, reply.status)
}

/// A reader that goes away (`aish apollo hi | head -1`) ends nothing: aish stops
/// writing without a word, receives the reply to its end, keeps it whole, exits 0.
@Suite(.timeLimit(.minutes(2))) struct ClosedOutputTests {
    @Test func aClosedPipeIsQuietAndTheReplyIsKeptWhole() async throws {
        // The reply waits after 50 tokens until the reader is gone, however busy the machine.
        let hold = GenerationHold()
        hold.hold(afterTokens: 50)
        defer { hold.release() }
        try await SessionSandbox.with { sandbox in
            try await withFastMock(tokensPerSecond: 1000, hold: hold) { url in
                let chat = try StreamingAish.start(
                    ["--url", url, "--max-tokens", "2000", "apollo", "a long answer"], sandbox: sandbox)
                let first = await chat.firstOutput()
                #expect(!first.isEmpty)
                let ending = await chat.closeOutputAndFinish { hold.release() }
                #expect(ending.status == 0, "\(ending.errors)")
                #expect(ending.errors.isEmpty)
                let reply = try await lastStoredReply(in: sandbox)
                #expect(reply.status == "complete")
                // 2000 tokens of the mock's words: far more than the first read.
                #expect(reply.content.utf8.count > first.count)
                #expect(reply.content.split(separator: " ").count > 1500)
            }
        }
    }
}
