import AishKit
import Testing

/// Bulk plans against the scripted server: specialists checked, the plan run here
/// and "on the server", with no socket.
@Suite struct ScriptedBulkTests {
    private func plan(_ json: String) throws -> BulkPlan {
        let (plan, problems) = BulkPlan.read(Array(json.utf8))
        #expect(problems.isEmpty, "\(problems)")
        return try #require(plan)
    }

    @Test func aPlanRunsHereAndOnTheServerAlike() async throws {
        let server = ScriptedTekton.server()
        let plan = try plan(
            #"{"operations": [{"id": "a", "ai": "apollo", "message": "first"}, "#
                + #"{"id": "b", "ai": "@planning", "message": "after {a}", "depends_on": ["a"]}]}"#)
        let prepared = try await server.prepareBulk(plan, source: "plan.json", forcedTransport: nil)
        #expect(prepared.plan.operations.map(\.ai) == ["apollo", "prometheus"])
        let here = await BulkRunner(
            plan: prepared.plan, executor: TransportOperationExecutor(transport: prepared.transport)
        ).run()
        let there = try await server.runBulkOnServer(prepared.plan, source: "plan.json", retry: .default)
        for result in [here, there] {
            #expect(result.status == .completed)
            #expect(result.results.first?.result.response == ScriptedTransport.reply(to: "first", from: "apollo"))
        }
        #expect(there.executedBy == "server")
        // b's message had a's reply put in for {a}.
        #expect(server.requests.last?.message.hasPrefix("after apollo heard") == true)
    }

    @Test func anUnknownSpecialistIsAProblemOfThePlan() async throws {
        let plan = try plan(#"{"operations": [{"id": "a", "ai": "apolo", "message": "x"}]}"#)
        await #expect(throws: BulkPlanError.self) {
            _ = try await ScriptedTekton.server().prepareBulk(plan, source: "plan.json", forcedTransport: nil)
        }
    }

    @Test func aTimeoutIsKeptOnTheInjectedClock() async throws {
        let clock = ManualClock()
        let server = ScriptedTekton.server(offered: .v1Only, clock: clock) { _ in [.wait(.seconds(30)), .done()] }
        let plan = try plan(#"{"operations": [{"id": "slow", "ai": "apollo", "message": "x", "timeout": 5}]}"#)
        let prepared = try await server.prepareBulk(plan, source: "plan.json", forcedTransport: nil)
        let run = Task {
            await BulkRunner(
                plan: prepared.plan, executor: TransportOperationExecutor(transport: prepared.transport), clock: clock
            ).run()
        }
        // The reply and the operation's deadline both wait on the clock.
        while clock.sleeperCount < 2 { await Task.yield() }
        clock.advance(by: .seconds(6))
        let result = await run.value
        #expect(result.results.first?.result.status == .failed)
        #expect(result.results.first?.result.error?.contains("timed out after 5 s") == true)
    }
}
