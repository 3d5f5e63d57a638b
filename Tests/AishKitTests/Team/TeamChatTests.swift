import Foundation
import Testing

@testable import AishKit

/// Team chat: Rhetor's recorded team-chat routes replayed over a real socket (the
/// stream, and the POST it falls back to), and ``TeamChat``/``TeamSession`` against
/// the scripted server.
@Suite struct TeamChatTests {
    private static let recordedTeam = [
        "tekton_core-ci", "engram-ci", "athena-ci", "rhetor-ci", "sophia-ci", "apollo-ci", "numa-ci", "noesis-ci",
        "prometheus-ci", "telos-ci", "metis-ci", "harmonia-ci", "synthesis-ci", "ergon-ci", "penia-ci", "terma-ci",
    ]

    private func collect(_ answers: AsyncThrowingStream<TeamAnswer, any Error>) async throws -> [TeamAnswer] {
        var all: [TeamAnswer] = []
        for try await answer in answers { all.append(answer) }
        return all
    }

    @Test func theRecordedTeamStreamGivesEveryAnswerInOrder() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client in
            let answers = try await collect(client.teamChat("hello team"))
            #expect(answers.map(\.specialistID) == Self.recordedTeam)
            #expect(answers.allSatisfy { $0.failure == nil })
            let apollo = try #require(answers.first { $0.specialistID == "apollo-ci" })
            #expect(apollo.content.hasPrefix("## Apollo on “hello team”"))
            #expect(apollo.content.contains("# café 日本語 🚀"))
        }
    }

    @Test func withoutTheStreamRouteThePostAnswers() async throws {
        let recorded = try FixtureReplayServer.makeResponder(directory: FixtureReplayServer.defaultDirectory)
        let requests = LockedBox<[String]>([])
        let server = try await RawHTTPTestServer.start { request in
            requests.withLock { $0.append("\(request.method) \(request.path)") }
            if request.path == "/api/team-chat/stream" {
                // FastAPI's 404 for a route it does not have.
                return recorded(RecordedRequest(method: .GET, uri: "/nowhere", headers: [:], body: []))
            }
            return recorded(request)
        }
        try await withClient(of: server) { client in
            let answers = try await collect(client.teamChat("hello team"))
            #expect(answers.map(\.specialistID) == Self.recordedTeam)
        }
        #expect(requests.withLock { $0 } == ["GET /api/team-chat/stream", "POST /api/team-chat"])
    }

    @Test func aModelErrorInTheTeamIsAFailureNotText() throws {
        let data =
            #"{"type": "response", "socket_id": "apollo-ci", "content": "{'type': 'error', 'ai_id': 'apollo-ci', 'error': 'model overloaded'}"}"#
        guard case .answer(let answer) = try TeamChatWire.event(SSEEvent(event: "message", data: data)) else {
            return #expect(Bool(false), "not an answer")
        }
        #expect(answer.content == "")
        #expect(answer.failure?.contains("model overloaded") == true)
    }

    @Test func theWholeTeamOnAV1ServerGoesThroughItsTeamChat() async throws {
        let server = ScriptedTekton.server(offered: .v1Only)
        let team = TeamChat(server: server)
        let prepared = try await team.prepare("hello team", to: nil)
        #expect(prepared.via == "Rhetor's team chat")
        let events = LockedBox<[BulkEvent]>([])
        let result = await team.run(prepared) { event in events.withLock { $0.append(event) } }
        let healthy = ScriptedTekton.roster.filter(\.healthy)
        // hermes is unhealthy and silent: skipped on the board, left out of the result.
        #expect(result.results.map(\.id) == healthy.map(\.bareName))
        #expect(result.status == .completed)
        #expect(
            result.results.first?.result.response == ScriptedTransport.reply(to: "hello team", from: "apollo"))
        #expect(server.requests.count == healthy.count)
    }

    @Test func chosenSpecialistsAreAskedEachByTheirOwnChat() async throws {
        let server = ScriptedTekton.server()
        let team = TeamChat(server: server)
        let prepared = try await team.prepare("hi", to: ["athena", "apollo", "athena"])
        #expect(prepared.plan.operations.map(\.id) == ["athena", "apollo"])
        let result = await team.run(prepared) { _ in }
        #expect(result.status == .completed)
        #expect(Set(server.requests.map(\.specialistID)) == ["athena", "apollo"])
        await #expect(throws: AishError.unknownSpecialist(name: "apolo", suggestions: ["apollo"])) {
            _ = try await team.prepare("hi", to: ["apolo"])
        }
    }

    /// Ctrl-C ends a team chat and keeps the answers that came: apollo answers at
    /// once, athena is still thinking; the team session holds apollo's answer.
    @Test func ctrlCKeepsTheAnswersSoFar() async throws {
        let clock = ManualClock()
        let server = ScriptedTekton.server(clock: clock) { request in
            request.specialistID == "athena"
                ? [.wait(.seconds(60)), .text("late"), .done()]
                : [.text("on time"), .done()]
        }
        let team = TeamChat(server: server, clock: clock)
        let prepared = try await team.prepare("hi", to: ["apollo", "athena"])
        let store = InMemorySessionStore()
        let interrupts = InterruptSignal()
        var session = TeamSession(
            style: BulkOutputStyle(json: false, jsonl: false, colors: false, dumbTerminal: false), render: nil,
            store: store)
        let output = MemorySink()
        session.output = output
        session.status = MemorySink()
        session.interrupts = interrupts
        let running = Task { [session] in try await session.run(team, prepared) }
        while output.text.isEmpty || clock.sleeperCount == 0 { await Task.yield() }
        while !interrupts.interrupt() { await Task.yield() }
        let outcome = try await running.value
        #expect(outcome.result.interrupted)
        #expect(outcome.result.result("apollo")?.status == .success)
        #expect(outcome.result.result("athena")?.status == .cancelled)
        #expect(output.text == TeamSession.section("apollo", "on time"))
        let id = try #require(outcome.sessionID)
        #expect(try await store.session(id).specialist == "team")
        let messages = await store.messages(inSession: id)
        #expect(messages.map(\.specialist) == ["team", "apollo"])
        #expect(messages.map(\.content) == ["hi", "on time"])
    }
}
