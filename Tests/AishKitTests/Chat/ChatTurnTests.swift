import AishKit
import Foundation
import Testing

/// One chat turn against a scripted server and an in-memory store: what is sent,
/// printed and saved, for each way a reply ends.
@Suite struct ChatTurnTests {
    private func turn(
        _ server: ScriptedServer, output: MemorySink = MemorySink(), interrupts: InterruptSignal = InterruptSignal(),
        warnings: LockedBox<[String]> = LockedBox([])
    ) async throws -> ChatTurn {
        let chat = try await server.prepareChat(specialist: "apollo", forcedTransport: nil)
        return ChatTurn(
            server: server, chat: chat, printer: ReplyPrinter(output: output, status: MemorySink()),
            interrupts: interrupts, warn: { line in warnings.withLock { $0.append(line) } })
    }

    @Test func aCompletedReplyIsPrintedAndSaved() async throws {
        let server = ScriptedTekton.server(offered: .v1Only)
        let output = MemorySink()
        let store: any SessionStore = InMemorySessionStore()
        var conversation = Conversation(store: store)
        let outcome = try await turn(server, output: output).run("hello", in: &conversation)
        let expected = ScriptedTransport.reply(to: "hello", from: "apollo")
        #expect(outcome.ending == .completed)
        #expect(output.text == expected)
        let id = try #require(conversation.sessionID)
        let messages = try await store.messages(inSession: id)
        #expect(messages.map(\.content) == ["hello", expected])
        #expect(messages.last?.status == .complete)
        #expect(conversation.history.count == 2)
    }

    /// Continuing a long session reads only the turns a question can send along, before
    /// and after the new turn.
    @Test func aContinuedLongSessionHoldsOnlyItsLastTurns() async throws {
        let store: any SessionStore = InMemorySessionStore()
        let session = try await store.createSession(specialist: "apollo", firstMessage: "turn 0")
        for turn in 0..<30 {
            _ = try await store.append(.question("turn \(turn)", to: "apollo"), toSession: session.id)
        }
        var conversation = try await Conversation.open(.session(session.id), store: { store }, warn: { _ in })
        #expect(conversation.history.map(\.content) == (10..<30).map { "turn \($0)" })
        let outcome = try await turn(ScriptedTekton.server(offered: .v1Only)).run("more", in: &conversation)
        #expect(outcome.ending == .completed)
        #expect(conversation.history.count == Conversation.contextMessages)
        #expect(conversation.history.first?.content == "turn 12")
        #expect(conversation.history.suffix(2).map(\.role) == [.user, .specialist])
        #expect(conversation.history.suffix(2).first?.content == "more")
    }

    /// The reply prints while its session is still being made (a store across the
    /// network, a busy disk), and is saved in full once the session exists.
    @Test(.timeLimit(.minutes(1))) func theReplyPrintsBeforeItsSessionIsSaved() async throws {
        let server = ScriptedTekton.server(offered: .v1Only)
        let store = ObservedStore()
        await store.holdNewSessions()
        let (writes, written) = AsyncStream<String>.makeStream()
        let output = SignallingSink(written)
        let turn = try await turn(server, output: MemorySink())
        var printing = turn
        printing.printer = ReplyPrinter(output: output, status: MemorySink())
        let running = Task {
            var conversation = Conversation(store: store)
            let outcome = await printing.run("hello", in: &conversation)
            return (outcome, conversation.sessionID)
        }
        let expected = ScriptedTransport.reply(to: "hello", from: "apollo")
        var printed = ""
        for await text in writes {
            printed += text
            if printed == expected { break }
        }
        #expect(printed == expected)
        #expect(try await store.sessions(limit: nil).isEmpty)
        await store.releaseNewSessions()
        let (outcome, sessionID) = await running.value
        #expect(outcome.saved)
        let id = try #require(sessionID)
        #expect(try await store.messages(inSession: id).map(\.content) == ["hello", expected])
    }

    /// A one-shot chat saves the exchange but does not read the session back.
    @Test func aTurnThatAsksNoNextQuestionSavesWithoutReadingBack() async throws {
        let server = ScriptedTekton.server(offered: .v1Only)
        let store = ObservedStore()
        var conversation = Conversation(store: store)
        conversation.readsTurnsBack = false
        let outcome = try await turn(server).run("hello", in: &conversation)
        #expect(outcome.saved)
        let id = try #require(conversation.sessionID)
        #expect(await store.reads == 0)
        #expect(conversation.history.isEmpty)
        let saved = try await store.messages(inSession: id)
        #expect(saved.map(\.content) == ["hello", ScriptedTransport.reply(to: "hello", from: "apollo")])
    }

    @Test func aFailureKeepsTheTextThatCameBefore() async throws {
        let server = ScriptedTekton.server(offered: .v1Only) { _ in
            [.text("half a "), .text("reply"), .fail(.specialistFailed(id: "apollo", code: nil, message: "boom"))]
        }
        let output = MemorySink()
        let store: any SessionStore = InMemorySessionStore()
        var conversation = Conversation(store: store)
        let outcome = try await turn(server, output: output).run("hi", in: &conversation)
        guard case .failed(let error) = outcome.ending else { return #expect(Bool(false), "not a failure") }
        #expect((error as? AishError)?.description.contains("boom") == true)
        #expect(output.text == "half a reply")
        let saved = try await store.messages(inSession: try #require(conversation.sessionID))
        #expect(saved.last?.content == "half a reply")
        #expect(saved.last?.status == .partial)
    }

    @Test func aFailureBeforeAnyTextLeavesNoSession() async throws {
        let server = ScriptedTekton.server(offered: .v1Only) { _ in
            [.fail(.specialistFailed(id: "apollo", code: nil, message: "boom"))]
        }
        let store: any SessionStore = InMemorySessionStore()
        var conversation = Conversation(store: store)
        let outcome = try await turn(server).run("hi", in: &conversation)
        #expect(outcome.ending == .failed(AishError.specialistFailed(id: "apollo", code: nil, message: "boom")))
        #expect(!outcome.saved)
        #expect(try await store.sessions(limit: nil).isEmpty)
        #expect(conversation.sessionID == nil)
    }

    @Test func aFailureBeforeAnyTextInAContinuedSessionWithdrawsOnlyThatExchange() async throws {
        let failing = LockedBox(false)
        let server = ScriptedTekton.server(offered: .v1Only) { request in
            failing.withLock { $0 }
                ? [.fail(.specialistFailed(id: "apollo", code: nil, message: "boom"))]
                : [.text("answer to \(request.message)"), .done()]
        }
        let store: any SessionStore = InMemorySessionStore()
        var conversation = Conversation(store: store)
        #expect(try await turn(server).run("first", in: &conversation).saved)
        let id = try #require(conversation.sessionID)
        failing.withLock { $0 = true }
        #expect(try await !turn(server).run("second", in: &conversation).saved)
        #expect(conversation.sessionID == id)
        #expect(try await store.messages(inSession: id).map(\.content) == ["first", "answer to first"])
        #expect(conversation.history.count == 2)
    }

    @Test func aDroppedStreamIsAFailureWithThePartialText() async throws {
        let server = ScriptedTekton.server(offered: .v1Only) { _ in [.text("cut"), .drop] }
        var conversation = Conversation(store: nil)
        let outcome = try await turn(server).run("hi", in: &conversation)
        guard case .failed(let error) = outcome.ending else { return #expect(Bool(false), "not a failure") }
        guard case .streamInterrupted = error as? AishError else { return #expect(Bool(false), "\(error)") }
        #expect(outcome.summary.content == "cut")
        #expect(conversation.sessionID == nil)
    }

    /// A turn whose reply follows `script` (which waits on a manual clock), stopped
    /// by Ctrl-C once it waits; its outcome and the store it saved to.
    private func stoppedTurn(_ script: [ScriptedTransport.Step]) async throws -> (ChatTurnOutcome, any SessionStore) {
        let clock = ManualClock()
        let server = ScriptedTekton.server(offered: .v1Only, clock: clock) { _ in script }
        let interrupts = InterruptSignal()
        let store: any SessionStore = InMemorySessionStore()
        let running = try await turn(server, interrupts: interrupts)
        let outcome = Task {
            var conversation = Conversation(store: store)
            return await running.run("slow", in: &conversation)
        }
        while clock.sleeperCount == 0 { await Task.yield() }
        while !interrupts.interrupt() { await Task.yield() }
        return (await outcome.value, store)
    }

    @Test func ctrlCStopsTheReplyAndKeepsIt() async throws {
        let (ended, store) = try await stoppedTurn([.text("so far"), .wait(.seconds(60)), .text(" never"), .done()])
        #expect(ended.ending == .stopped)
        #expect(ended.summary.content == "so far")
        let saved = try await store.sessions(limit: nil)
        let messages = try await store.messages(inSession: try #require(saved.first?.id))
        #expect(messages.last?.content == "so far")
        #expect(messages.last?.status == .stopped)
    }

    @Test func ctrlCBeforeAnyTextLeavesNoSession() async throws {
        let (ended, store) = try await stoppedTurn([.wait(.seconds(60)), .text("never"), .done()])
        #expect(ended.ending == .stopped)
        #expect(!ended.saved)
        #expect(try await store.sessions(limit: nil).isEmpty)
    }

    @Test func aSecondTurnOnAV1ServerSendsTheFirstInFront() async throws {
        let server = ScriptedTekton.server(offered: .v1Only)
        var conversation = Conversation(store: InMemorySessionStore())
        _ = try await turn(server).run("first", in: &conversation)
        _ = try await turn(server).run("second", in: &conversation)
        let sent = server.requests.map(\.message)
        #expect(sent.count == 2)
        #expect(sent[1].hasPrefix("[Earlier in this conversation]\nUser: first\napollo: "))
        #expect(sent[1].hasSuffix("\n\nsecond"))
    }

    @Test func aServerSessionIsOpenedOnceAndRemembered() async throws {
        let server = ScriptedTekton.server()
        let store: any SessionStore = InMemorySessionStore()
        var conversation = Conversation(store: store)
        _ = try await turn(server).run("first", in: &conversation)
        _ = try await turn(server).run("second", in: &conversation)
        #expect(server.requests.map(\.sessionID) == ["sess_1", "sess_1"])
        #expect(server.requests.map(\.message) == ["first", "second"])
        #expect(conversation.serverSessionID(for: "apollo") == "sess_1")
        let stored = try await store.session(try #require(conversation.sessionID))
        #expect(stored.serverSessionID == "sess_1")
    }

    @Test func temperatureAndMaxTokensGoWithTheRequest() async throws {
        let server = ScriptedTekton.server(offered: .v1Only)
        var turn = try await turn(server)
        turn.temperature = 0.5
        turn.maxTokens = 42
        var conversation = Conversation(store: nil)
        _ = await turn.run("x", in: &conversation)
        #expect(server.requests.first?.temperature == 0.5)
        #expect(server.requests.first?.maxTokens == 42)
    }
}

/// The one-shot form: exit statuses and the `--json` object.
@Suite struct OneShotChatFormTests {
    @Test func jsonCarriesTheReplyAndTheError() async throws {
        let server = ScriptedTekton.server(offered: .v1Only) { _ in
            [.text("part"), .fail(.specialistFailed(id: "apollo", code: "E", message: "gone"))]
        }
        let output = MemorySink()
        var chat = OneShotChat(server: server, output: output, status: MemorySink(), interrupts: InterruptSignal())
        chat.json = true
        var conversation = Conversation(store: nil)
        let thrown = await #expect(throws: WrittenAsJSON.self) {
            _ = try await chat.run(specialist: "apollo", message: "q", in: &conversation)
        }
        #expect(thrown?.error as? AishError == .specialistFailed(id: "apollo", code: "E", message: "gone"))
        let object = try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [String: Any]
        #expect(object?["content"] as? String == "part")
        let error = object?["error"] as? [String: Any]
        #expect(error?["exit_code"] as? Int == 1)
        #expect(error?["code"] as? String == "specialist_failed")
    }

    /// `aish apollo "hi"`: the roster read to split the words is the one the chat is
    /// prepared with (one round trip, not two), and the conversation is opened.
    @Test func theRosterIsReadOnceForANamedSpecialist() async throws {
        let server = ScriptedTekton.server()
        let output = MemorySink()
        let chat = OneShotChat(server: server, output: output, status: MemorySink(), interrupts: InterruptSignal())
        let opened = LockedBox(0)
        let opener = ConversationOpener(for: .new) { _ in
            opened.withLock { $0 += 1 }
            return Conversation(store: nil)
        }
        let exit = try await chat.run(
            words: ["apollo", "hi"], standardInput: nil, defaultSpecialist: nil, choice: .new, opener: opener)
        #expect(exit == 0)
        #expect(server.rosterReads == 1)
        #expect(opened.withLock { $0 } == 1)
        #expect(output.text == ScriptedTransport.reply(to: "hi", from: "apollo"))
    }

    @Test func aCapabilityIsRoutedAndNamedOnStatus() async throws {
        let status = MemorySink()
        let output = MemorySink()
        let chat = OneShotChat(
            server: ScriptedTekton.server(), output: output, status: status, interrupts: InterruptSignal())
        var conversation = Conversation(store: nil)
        let exit = try await chat.run(specialist: "@planning", message: "plan", in: &conversation)
        #expect(exit == 0)
        #expect(status.text == "→ prometheus (planning 0.97)\n")
        #expect(output.text == ScriptedTransport.reply(to: "plan", from: "prometheus"))
    }

    /// A new conversation's store starts opening while the server is asked how to
    /// reach the specialist, and the message goes out before the chat waits for it: here
    /// the store opens only once the server has the message, and the reply is saved.
    @Test(.timeLimit(.minutes(1))) func aNewConversationsMessageIsSentBeforeItsStoreIsAwaited() async throws {
        let (received, receiving) = AsyncStream<Void>.makeStream()
        let server = ScriptedTekton.server { request in
            receiving.yield()
            return ScriptedTransport.echo(request)
        }
        let output = MemorySink()
        let store: any SessionStore = InMemorySessionStore()
        let chat = OneShotChat(server: server, output: output, status: MemorySink(), interrupts: InterruptSignal())
        let opener = ConversationOpener(for: .new) { _ in
            // Were the store awaited before the message went, this would wait for ever.
            for await _ in received { break }
            return Conversation(store: store)
        }
        let exit = try await chat.run(
            words: ["@planning", "plan"], standardInput: nil, defaultSpecialist: nil, choice: .new, opener: opener)
        #expect(exit == 0)
        #expect(server.requests.map(\.message) == ["plan"])
        let reply = ScriptedTransport.reply(to: "plan", from: "prometheus")
        #expect(output.text == reply)
        let session = try #require(try await store.sessions(limit: nil).first)
        #expect(try await store.messages(inSession: session.id).map(\.content) == ["plan", reply])
    }

    /// A model's chat asks the server nothing before its message goes, so nothing
    /// would hide a store's opening: the store is asked for once the message is sent.
    @Test func aModelsStoreIsAskedForOnlyOnceItsMessageIsSent() async throws {
        var scripted = ScriptedTekton.server()
        scripted.roster.append(Specialist(id: "local/m", name: "m"))
        scripted.providerNames = ["local"]
        let server = scripted
        let output = MemorySink()
        let chat = OneShotChat(server: server, output: output, status: MemorySink(), interrupts: InterruptSignal())
        let sentBeforeOpening = LockedBox<[String]?>(nil)
        let opener = ConversationOpener(for: .new) { _ in
            sentBeforeOpening.withLock { $0 = server.requests.map(\.message) }
            return Conversation(store: InMemorySessionStore())
        }
        let exit = try await chat.run(
            words: ["local/m", "hi"], standardInput: nil, defaultSpecialist: nil, choice: .new, opener: opener)
        #expect(exit == 0)
        #expect(sentBeforeOpening.withLock { $0 } == ["hi"])
        #expect(output.text == ScriptedTransport.reply(to: "hi", from: "local/m"))
    }

    /// Whether the store starts opening before the server is asked anything: for a
    /// Tekton specialist or a capability yes (a chat that then fails has begun it),
    /// for a model no.
    @Test func onlyAChatThatAsksTheServerFirstStartsOpeningEarly() async throws {
        var server = ScriptedTekton.server()
        server.providerNames = ["local"]
        for (words, opens) in [(["@nothing", "hi"], true), (["local/none", "hi"], false)] {
            let opened = LockedBox(0)
            let opener = ConversationOpener(for: .new) { _ in
                opened.withLock { $0 += 1 }
                return Conversation(store: nil)
            }
            let chat = OneShotChat(
                server: server, output: MemorySink(), status: MemorySink(), interrupts: InterruptSignal())
            await #expect(throws: AishError.self) {
                _ = try await chat.run(
                    words: words, standardInput: nil, defaultSpecialist: nil, choice: .new, opener: opener)
            }
            await opener.settle()
            #expect(opened.withLock { $0 } == (opens ? 1 : 0), "\(words)")
        }
    }

    /// A store that cannot be used still stops a new chat before any of the reply
    /// prints, with the store's error, though the message went out first.
    @Test func aStoreThatCannotOpenStopsTheChatBeforeAnyText() async throws {
        let server = ScriptedTekton.server()
        let output = MemorySink()
        let chat = OneShotChat(server: server, output: output, status: MemorySink(), interrupts: InterruptSignal())
        let failure = SessionStoreError.wrongKey(database: "/tmp/sessions.sqlite", source: "AISH_SESSION_KEY")
        let thrown = await #expect(throws: SessionStoreError.self) {
            _ = try await chat.run(
                words: ["apollo", "hi"], standardInput: nil, defaultSpecialist: nil, choice: .new,
                opener: ConversationOpener(for: .new) { _ in throw failure })
        }
        #expect(thrown == failure)
        #expect(server.requests.count == 1)
        #expect(output.text.isEmpty)
    }

    /// A message sent and then dropped unread (its conversation could not be opened)
    /// has its request cancelled, not left running.
    @Test(.timeLimit(.minutes(1))) func aSentMessageDroppedUnreadIsCancelled() async throws {
        let (cancellations, cancelled) = AsyncStream<Void>.makeStream()
        let server = ScriptedTekton.server()
        let prepared = try await server.prepareChat(specialist: "apollo", forcedTransport: nil)
        let chat = PreparedChat(
            specialist: prepared.specialist, transport: EndlessTransport(cancelled: cancelled), reason: "test",
            capabilities: prepared.capabilities)
        let turn = ChatTurn(
            server: server, chat: chat, printer: ReplyPrinter(output: MemorySink(), status: MemorySink()),
            interrupts: InterruptSignal(), warn: { _ in })
        do {
            _ = turn.send("hi", in: Conversation(store: nil))
        }
        var heard = false
        for await _ in cancellations {
            heard = true
            break
        }
        #expect(heard)
    }
}

/// A transport whose replies never end; it says when one is cancelled.
private struct EndlessTransport: ChatTransport {
    let cancelled: AsyncStream<Void>.Continuation
    var kind: TransportKind { .sse }

    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error> {
        let cancelled = self.cancelled
        return AsyncThrowingStream { continuation in
            let task = Task {
                let (never, _) = AsyncStream<Void>.makeStream()
                await withTaskCancellationHandler {
                    for await _ in never {}
                } onCancel: {
                    cancelled.yield()
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// An output that hands every write to a stream, so a test can wait for text.
private final class SignallingSink: OutputSink {
    private let written: AsyncStream<String>.Continuation
    init(_ written: AsyncStream<String>.Continuation) { self.written = written }
    var isTerminal: Bool { false }
    func write(_ text: String) throws { written.yield(text) }
}
