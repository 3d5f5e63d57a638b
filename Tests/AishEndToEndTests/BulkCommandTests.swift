import AishMockServer
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A plan written to a temporary file for one test.
private struct PlanFile {
    let path: String

    init(_ json: String) throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-plan-\(UUID().uuidString).json")
        try json.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The result JSON of a run, as a test reads it.
private struct BulkOutput {
    let object: [String: Any]

    init(_ result: ProcessResult) throws {
        object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    }

    var status: String? { object["status"] as? String }
    func op(_ id: String) -> [String: Any] { (object["results"] as? [String: [String: Any]])?[id] ?? [:] }
    func started(_ id: String) -> Double { op(id)["started_at"] as? Double ?? -1 }
    func response(_ id: String) -> String? { op(id)["response"] as? String }
}

/// Runs `aish bulk ARGS… PLAN` against `url`.
private func bulk(_ url: String, _ plan: String, _ arguments: [String] = [], stdin: String? = nil) async throws
    -> ProcessResult
{
    let file = try PlanFile(plan)
    defer { file.remove() }
    return try await AishProcess.run(["bulk", "--url", url] + arguments + [file.path], stdin: stdin)
}

/// The JSON lines of a `--jsonl` run.
private func events(_ result: ProcessResult) -> [[String: Any]] {
    result.output.split(separator: "\n").compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
    }
}

/// `aish bulk` through the real binary against the mock.
@Suite struct BulkCommandTests {
    @Test func twoPlansGetAPlainAnswer() async throws {
        let result = try await AishProcess.run(["bulk", "a.json", "b.json"])
        #expect(result.status == 64)
        #expect(result.errors.contains("aish bulk runs one plan at a time, and got 2: a.json, b.json."))
        #expect(!result.errors.contains("Unexpected argument"))
    }

    /// A chat option given to bulk names the plan field to use, and its value is
    /// not taken for a second plan.
    @Test(arguments: [
        (["--max-tokens", "500"], "aish bulk has no option --max-tokens: set \"max_tokens\" on each operation"),
        (["--temperature=0.2"], "aish bulk has no option --temperature: set \"temperature\" on each operation"),
        (["--frobnicate", "1"], "aish bulk has no option --frobnicate: see `aish bulk --help`"),
    ])
    func anOptionBulkHasNotIsNamed(_ extra: [String], message: String) async throws {
        let result = try await AishProcess.run(["bulk", "plan.json"] + extra)
        #expect(result.status == 64)
        #expect(result.errors.contains(message))
        #expect(!result.errors.contains("got 2"))
    }

    @Test func anInvalidPlanListsEveryProblemAndRunsNothing() async throws {
        try await withFastMock { url in
            let secret = "the launch code is 0000"
            let result = try await bulk(
                url,
                #"{"operations": [{"id": "op1", "ai": "apolo", "message": "\#(secret) {op2}", "depends_on": ["op2"]}, "#
                    + #"{"id": "op2", "ai": "athena", "message": "", "depends_on": ["op1"]}]}"#)
            #expect(result.status == 4)
            #expect(result.output.isEmpty)
            #expect(result.errors.hasPrefix("aish: error: the plan in "))
            for words in [
                "op1: the dependencies go round in a cycle, op1 → op2 → op1", "op1: no specialist named 'apolo'",
                "op2: the message is empty",
            ] {
                #expect(result.errors.contains(words), "\(words) in \(result.errors)")
            }
            #expect(!result.errors.contains(secret))
        }
    }

    @Test func checkValidatesWithoutRunning() async throws {
        try await withFastMock { url in
            let good = try await bulk(
                url, #"{"operations": [{"id": "a", "ai": "apollo", "message": "hi"}]}"#, ["--check"])
            #expect(good.status == 0, "\(good.errors)")
            #expect(good.output.contains("the plan is valid; nothing was run."))
            let bad = try await bulk(url, #"{"operations": [{"id": "a", "ai": "zeus", "message": "hi"}]}"#, ["--check"])
            #expect(bad.status == 4)
            #expect(bad.errors.contains("a: no specialist named 'zeus'"))
            let syntax = try await bulk(url, "{\"operations\": [\n  {\"id\": }]}", ["--check"])
            #expect(syntax.status == 4)
            #expect(syntax.errors.contains("line 2, column 10: not valid JSON"))
            let missing = try await AishProcess.run(["bulk", "--url", url, "/nonexistent/plan.json"])
            #expect(missing.status == 66)
            #expect(missing.errors.contains("cannot read the plan file '/nonexistent/plan.json' (no such file)"))
        }
    }

    /// With a first-token latency L and instant tokens, each operation takes about L:
    /// independent ones start together, a dependent one only after L.
    @Test func parallelStartsIndependentOperationsTogether() async throws {
        let latency = 0.4
        try await withFastMock(firstTokenLatency: latency) { url in
            let result = try await bulk(
                url,
                #"{"operations": [{"id": "a", "ai": "apollo", "message": "1", "max_tokens": 5}, "#
                    + #"{"id": "b", "ai": "athena", "message": "2", "max_tokens": 5}, "#
                    + #"{"id": "c", "ai": "metis", "message": "3", "max_tokens": 5}, "#
                    + #"{"id": "d", "ai": "rhetor", "message": "4", "depends_on": ["a", "b"], "max_tokens": 5}]}"#)
            #expect(result.status == 0, "\(result.errors)")
            let output = try BulkOutput(result)
            #expect(output.status == "completed")
            // Relative to each other, so a loaded machine that starts the run late does not matter.
            let first = ["a", "b", "c"].map(output.started).min() ?? 0
            for id in ["a", "b", "c"] { #expect(output.started(id) < first + latency / 2, "\(id) started late") }
            #expect(output.started("d") >= max(output.started("a"), output.started("b")) + latency)
        }
    }

    @Test func sequentialRunsOneAtATimeInFileOrderWhereItCan() async throws {
        let latency = 0.3
        try await withFastMock(firstTokenLatency: latency) { url in
            let result = try await bulk(
                url,
                #"{"execution": "sequential", "operations": [{"id": "a", "ai": "apollo", "message": "1", "max_tokens": 3}, "#
                    + #"{"id": "b", "ai": "athena", "message": "{c}", "depends_on": ["c"], "max_tokens": 3}, "#
                    + #"{"id": "c", "ai": "metis", "message": "3", "max_tokens": 3}, "#
                    + #"{"id": "d", "ai": "rhetor", "message": "4", "max_tokens": 3}]}"#)
            #expect(result.status == 0, "\(result.errors)")
            let output = try BulkOutput(result)
            let order = ["a", "b", "c", "d"].sorted { output.started($0) < output.started($1) }
            #expect(order == ["a", "c", "b", "d"])
            for (earlier, later) in zip(order, order.dropFirst()) {
                #expect(output.started(later) >= output.started(earlier) + latency, "\(later) overlapped \(earlier)")
            }
        }
    }

    @Test func placeholdersCarryTheResponse() async throws {
        try await withFastMock { url in
            let result = try await bulk(
                url,
                #"{"operations": [{"id": "op1", "ai": "apollo", "message": "analyze this", "max_tokens": 30}, "#
                    + #"{"id": "op2", "ai": "athena", "message": "review {op1}", "depends_on": ["op1"]}]}"#)
            #expect(result.status == 0, "\(result.errors)")
            let output = try BulkOutput(result)
            let first = try #require(output.response("op1"))
            let expected = try await MockReference.reply(at: url, specialist: "athena", message: "review " + first)
            #expect(output.response("op2") == expected)
        }
    }

    @Test func aFailureSkipsDownstreamAndTheExitStatusSaysHowItWent() async throws {
        try await withFastMock { url in
            let partial = try await bulk(
                url,
                #"{"operations": [{"id": "op1", "ai": "hermes", "message": "relay"}, "#
                    + #"{"id": "op2", "ai": "athena", "message": "{op1}", "depends_on": ["op1"]}, "#
                    + #"{"id": "op3", "ai": "apollo", "message": "go", "max_tokens": 3}]}"#, ["--retries", "0"])
            #expect(partial.status == 2)
            let output = try BulkOutput(partial)
            #expect(output.status == "partial")
            #expect(output.op("op1")["status"] as? String == "failed")
            #expect((output.op("op1")["error"] as? String)?.contains("hermes is unavailable") == true)
            #expect(output.op("op2")["status"] as? String == "skipped")
            #expect(output.op("op2")["error"] as? String == "dependency op1 failed")
            #expect(output.op("op3")["status"] as? String == "success")
            let failed = try await bulk(
                url, #"{"operations": [{"id": "x", "ai": "hephaestus", "message": "build"}]}"#, ["--retries", "0"])
            #expect(failed.status == 3)
            #expect(try BulkOutput(failed).status == "failed")
        }
    }

    /// A reasoning model's thinking, written first in its text, is no part of an
    /// operation's response (nor of what `{id}` puts in the next message), whether the
    /// plan runs here or on the server.
    @Test(arguments: [[String](), ["--server"]])
    func thinkingWrittenInlineIsLeftOutOfResponses(extra: [String]) async throws {
        try await withFastMock { url in
            let plan = #"""
                {"operations": [
                  {"id": "think", "ai": "apollo", "message": "[think-inline] plan it", "max_tokens": 20},
                  {"id": "next", "ai": "athena", "message": "review {think}", "depends_on": ["think"], "max_tokens": 40}]}
                """#
            let result = try await bulk(url, plan, extra)
            #expect(result.status == 0, "\(result.errors)")
            let output = try BulkOutput(result)
            let expected = try await MockReference.reply(
                at: url, specialist: "apollo", message: "[think-inline] plan it")
            let (_, answer) = try MockReference.inlineThinking(in: expected)
            let response = try #require(output.response("think"))
            #expect(!response.contains("think>"), "\(response)")
            #expect(answer.hasPrefix(response), "\(response)")
            #expect(output.response("next")?.contains("think>") == false)
        }
    }

    @Test(arguments: [[String](), ["--server"]])
    func capabilitiesRouteToTheBestSpecialist(extra: [String]) async throws {
        try await withFastMock { url in
            let plan = #"""
                {"operations": [
                  {"id": "find", "ai": "@debugging", "message": "find the bug", "max_tokens": 5},
                  {"id": "fix", "ai": "@debugging", "message": "fix {find}", "depends_on": ["find"], "max_tokens": 5}]}
                """#
            let result = try await bulk(url, plan, extra)
            #expect(result.status == 0, "\(result.errors)")
            let output = try BulkOutput(result)
            let best = try await AishProcess.run([
                "discover", "--url", url, "--capability", "debugging", "--best", "--json",
            ])
            let winner = try #require(
                (try JSONSerialization.jsonObject(with: best.stdout) as? [String: Any]).flatMap { object in
                    ((object["best"] ?? object["winner"]) as? [String: Any])?["id"] as? String
                        ?? ((object["ranked"] as? [[String: Any]])?.first?["id"] as? String)
                })
            #expect(output.op("find")["ai"] as? String == winner)
            #expect(output.op("fix")["ai"] as? String == winner)

            let unknown = try await bulk(
                url, #"{"operations": [{"id": "a", "ai": "@debuging", "message": "x"}]}"#, ["--check"])
            #expect(unknown.status == 4)
            #expect(unknown.errors.contains("debugging"))
        }
    }

    @Test func rateLimitedOperationsAreRetried() async throws {
        try await withFastMock(faults: FaultPlan(rateLimitedRequests: 2)) { url in
            let result = try await bulk(
                url, #"{"operations": [{"id": "op1", "ai": "apollo", "message": "hi", "max_tokens": 4}]}"#, ["--jsonl"])
            #expect(result.status == 0, "\(result.errors)")
            let lines = events(result)
            let retries = lines.filter { $0["event"] as? String == "retrying" }
            #expect(retries.map { $0["attempt"] as? Int } == [2, 3])
            #expect(retries.allSatisfy { ($0["reason"] as? String)?.contains("rate limit (HTTP 429)") == true })
            let finished = try #require(lines.first { $0["event"] as? String == "finished" })
            let entry = try #require(finished["result"] as? [String: Any])
            #expect(entry["status"] as? String == "success")
            #expect(entry["attempts"] as? Int == 3)
            #expect(lines.last?["event"] as? String == "done")
            #expect(lines.last?["status"] as? String == "completed")
        }
    }

    @Test func operationAndPlanTimeouts() async throws {
        try await withFastMock(tokensPerSecond: 20) { url in
            let own = try await bulk(
                url,
                #"{"operations": [{"id": "slow", "ai": "apollo", "message": "m", "max_tokens": 1000, "timeout": 0.3}, "#
                    + #"{"id": "quick", "ai": "athena", "message": "m", "max_tokens": 2}]}"#)
            #expect(own.status == 2)
            let output = try BulkOutput(own)
            #expect(output.op("slow")["error"] as? String == "timed out after 0.3 s")
            #expect(output.op("slow")["execution_time"] as? Double ?? 0 >= 0.3)
            #expect(output.op("quick")["status"] as? String == "success")
            let plan = try await bulk(
                url,
                #"{"timeout": 0.5, "execution": "sequential", "operations": [{"id": "a", "ai": "apollo", "message": "m", "max_tokens": 1000}, "#
                    + #"{"id": "b", "ai": "athena", "message": "m", "max_tokens": 2}]}"#)
            #expect(plan.status == 3)
            let whole = try BulkOutput(plan)
            #expect(whole.op("a")["error"] as? String == "the plan's timeout of 0.5 s ran out")
            #expect(whole.op("b")["status"] as? String == "skipped")
            #expect(whole.object["execution_time"] as? Double ?? 9 < 5)
        }
    }

    @Test func ctrlCCancelsWhatRunsAndKeepsWhatFinished() async throws {
        try await withFastMock(tokensPerSecond: 20) { url in
            let file = try PlanFile(
                #"{"operations": [{"id": "quick", "ai": "apollo", "message": "m", "max_tokens": 3}, "#
                    + #"{"id": "slow", "ai": "athena", "message": "m", "max_tokens": 100000}, "#
                    + #"{"id": "after", "ai": "metis", "message": "{slow}", "depends_on": ["slow"]}]}"#)
            defer { file.remove() }
            let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-out-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let aish = try RunningAish(
                ["bulk", "--url", url, "--jsonl", "--output", folder, file.path], environment: [:])
            let text = { String(decoding: aish.stdout, as: UTF8.self) }
            let ready = try await RunningAish.waitUntil {
                text().contains(#""event":"finished","id":"quick""#) && text().contains(#""started","id":"slow""#)
            }
            #expect(ready, "never saw quick finish: \(text()) \(aish.stderr)")
            await aish.kill(SIGINT)
            #expect(aish.exitStatus == 130)
            let lines = text().split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
            let ends = Dictionary(
                lines.filter { $0["event"] as? String == "finished" }.map {
                    ($0["id"] as? String ?? "", ($0["result"] as? [String: Any])?["status"] as? String ?? "")
                }, uniquingKeysWith: { $1 })
            #expect(ends == ["quick": "success", "slow": "cancelled", "after": "cancelled"])
            #expect(lines.last?["interrupted"] as? Bool == true)
            let saved = try String(
                contentsOfFile: (folder as NSString).appendingPathComponent("quick.md"), encoding: .utf8)
            let quick = lines.first { $0["id"] as? String == "quick" && $0["event"] as? String == "finished" }
            #expect(saved == (quick?["result"] as? [String: Any])?["response"] as? String)
            #expect(!FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("slow.md")))
        }
    }

    @Test func theServerAndLocalRunsGiveTheSameResults() async throws {
        try await withFastMock { url in
            let plan =
                #"{"operations": [{"id": "op1", "ai": "apollo", "message": "analyze", "max_tokens": 25}, "#
                + #"{"id": "op2", "ai": "athena", "message": "review {op1}", "depends_on": ["op1"]}, "#
                + #"{"id": "op3", "ai": "hermes", "message": "relay"}, "#
                + #"{"id": "op4", "ai": "metis", "message": "{op3} and {op2}", "depends_on": ["op3", "op2"]}]}"#
            let local = try BulkOutput(try await bulk(url, plan, ["--local", "--retries", "0"]))
            let server = try BulkOutput(try await bulk(url, plan, ["--server"]))
            #expect(local.object["executed_by"] as? String == "local")
            #expect(server.object["executed_by"] as? String == "server")
            #expect(local.status == "partial")
            #expect(server.status == local.status)
            #expect(server.object["total_tokens"] as? Int == local.object["total_tokens"] as? Int)
            for id in ["op1", "op2", "op3", "op4"] {
                #expect(server.op(id)["status"] as? String == local.op(id)["status"] as? String, "\(id)")
                #expect(server.response(id) == local.response(id), "\(id)")
                #expect(server.op(id)["tokens_used"] as? Int == local.op(id)["tokens_used"] as? Int, "\(id)")
                #expect(server.op(id)["ai"] as? String == local.op(id)["ai"] as? String, "\(id)")
            }
            #expect(server.op("op4")["error"] as? String == local.op("op4")["error"] as? String)
        }
    }

    @Test func maxParallelLimitsWhatRunsAtOnce() async throws {
        try await withFastMock(firstTokenLatency: 0.25) { url in
            let operations = (1...6).map {
                #"{"id": "op\#($0)", "ai": "apollo", "message": "m\#($0)", "max_tokens": 2}"#
            }
            let result = try await bulk(
                url, #"{"operations": [\#(operations.joined(separator: ","))]}"#, ["--jsonl", "--max-parallel", "2"])
            #expect(result.status == 0, "\(result.errors)")
            var running = 0
            var peak = 0
            for event in events(result) {
                if event["event"] as? String == "started" { running += 1 }
                if event["event"] as? String == "finished" { running -= 1 }
                peak = max(peak, running)
            }
            #expect(peak == 2)
        }
    }

    @Test func stdinPlansAndOutputFiles() async throws {
        try await withFastMock { url in
            let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-out-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let result = try await AishProcess.run(
                ["bulk", "--url", url, "--output", folder, "-"],
                stdin: #"{"operations": [{"id": "one", "ai": "apollo", "message": "hi", "max_tokens": 6}]}"#)
            #expect(result.status == 0, "\(result.errors)")
            let saved = try String(
                contentsOfFile: (folder as NSString).appendingPathComponent("one.md"), encoding: .utf8)
            #expect(saved == (try BulkOutput(result)).response("one"))
        }
    }

    @Test func anOutputThatIsAFileIsNamedAsOneAndNothingRuns() async throws {
        try await withFastMock { url in
            let file = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-out-\(UUID().uuidString)")
            try "keep me".write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            let result = try await AishProcess.run(
                ["bulk", "--url", url, "--output", file, "-"],
                stdin: #"{"operations": [{"id": "one", "ai": "apollo", "message": "hi", "max_tokens": 6}]}"#)
            #expect(result.status == 64, "\(result.errors)")
            #expect(result.errors.contains("invalid value '\(file)' for --output: it is a file, not a folder"))
            #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
        }
    }

    @Test(arguments: ["code-review.json", "research-fan-out.json"])
    func theExamplePlansRun(name: String) async throws {
        let path = AishProcess.repositoryRoot.appendingPathComponent("examples/plans/\(name)").path
        try await withFastMock { url in
            for mode in ["--local", "--server"] {
                let result = try await AishProcess.run(["bulk", "--url", url, mode, path])
                #expect(result.status == 0, "\(name) \(mode): \(result.errors)")
                let output = try BulkOutput(result)
                #expect(output.status == "completed")
            }
        }
    }

    @Test func aTerminalShowsALineForEachOperationThenASummary() async throws {
        try await withFastMock(firstTokenLatency: 0.2, tokensPerSecond: 200) { url in
            let file = try PlanFile(
                #"{"operations": [{"id": "first", "ai": "apollo", "message": "m", "max_tokens": 40}, "#
                    + #"{"id": "second", "ai": "athena", "message": "{first}", "depends_on": ["first"], "max_tokens": 20}, "#
                    + #"{"id": "broken", "ai": "hermes", "message": "m"}]}"#)
            defer { file.remove() }
            let terminal = try PseudoTerminal(["bulk", "--url", url, "--retries", "0", file.path])
            let screen = try await terminal.waitFor("succeeded")
            #expect(try await terminal.waitForExit() == 2)
            #expect(screen.contains("✓ first   apollo"))
            #expect(screen.contains("✓ second  athena"))
            #expect(screen.contains("✗ broken  hermes"))
            #expect(screen.contains("2 succeeded · 1 failed · "))
            // The lines were redrawn in place while running: a spinner, and the cursor moved up.
            #expect(terminal.rawScreen.contains { "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏".contains($0) })
            #expect(terminal.rawScreen.contains("\r\u{1B}[2A"))
            #expect(!screen.contains("{\"request_id\""))
        }
    }

    @Test func ctrlCLeavesEachRowOnceWhenTheRowsFillTheWidth() async throws {
        // At 50 columns the waiting row fills the width; an echoed ^C after it would
        // wrap, and the final redraw would then start one row too low.
        try await withFastMock(tokensPerSecond: 5) { url in
            let file = try PlanFile(
                #"{"operations": [{"id": "review", "ai": "apollo", "message": "review the patch", "max_tokens": 200}, "#
                    + #"{"id": "summarise", "ai": "athena", "message": "summarise", "max_tokens": 200}, "#
                    + #"{"id": "combine", "ai": "athena", "message": "{review} {summarise}", "#
                    + #""depends_on": ["review", "summarise"]}]}"#)
            defer { file.remove() }
            let terminal = try PseudoTerminal(["bulk", "--url", url, file.path], columns: 50)
            try await terminal.waitFor(" tok")
            terminal.type("\u{03}")
            let screen = try await terminal.waitFor("interrupted:")
            #expect(try await terminal.waitForExit() == 130)
            let rows = screen.split(separator: "\n").map { $0.dropFirst(2) }
            for id in ["review ", "summarise ", "combine "] {
                #expect(rows.filter { $0.hasPrefix(id) }.count == 1, "\(id) drawn more than once:\n\(screen)")
            }
            #expect(!screen.contains("^C"))
        }
    }

    @Test func colorNeverInTheConfigurationTurnsTheViewsColoursOff() async throws {
        try await withFastMock { url in
            let file = try PlanFile(
                #"{"operations": [{"id": "one", "ai": "apollo", "message": "m", "max_tokens": 5}]}"#)
            defer { file.remove() }
            func screen(_ environment: [String: String]) async throws -> String {
                let terminal = try PseudoTerminal(["bulk", "--url", url, file.path], environment: environment)
                _ = try await terminal.waitFor("succeeded")
                #expect(try await terminal.waitForExit() == 0)
                return terminal.rawScreen
            }
            // The view's colours are SGR sequences ending in "m"; its cursor movement is not.
            let coloured = try await screen([:])
            #expect(coloured.contains("\u{1B}[32m"))
            let plain = try await screen(["AISH_COLOR": "never"])
            #expect(!plain.contains("\u{1B}[32m"))
            #expect(plain.contains("✓ one"))
        }
    }

    @Test func aV1ServerGetsOneRequestPerSpecialistAtATime() async throws {
        try await withRhetorMock { url in
            let ids = (1...6).flatMap { ["p\($0)", "t\($0)"] }
            let operations = ids.map { id in
                #"{"id": "\#(id)", "ai": "\#(id.hasPrefix("p") ? "apollo" : "athena")", "message": "part \#(id)"}"#
            }
            let result = try await bulk(url, #"{"operations": ["# + operations.joined(separator: ", ") + "]}")
            #expect(result.status == 0, "\(result.errors)")
            let output = try BulkOutput(result)
            #expect(output.status == "completed")
            for prefix in ["p", "t"] {
                let spans = ids.filter { $0.hasPrefix(prefix) }.map { id in
                    let op = output.op(id)
                    #expect(op["status"] as? String == "success", "\(id): \(op["error"] ?? "")")
                    #expect(op["attempts"] as? Int == 1, "\(id) was retried")
                    // v1 counts no tokens; a chunk count would be an invented figure.
                    #expect(!(op["tokens_used"] is NSNumber), "\(id): \(op["tokens_used"] ?? "")")
                    let start = output.started(id)
                    return (start, start + (op["execution_time"] as? Double ?? 0))
                }.sorted { $0.0 < $1.0 }
                for (earlier, later) in zip(spans, spans.dropFirst()) {
                    #expect(later.0 >= earlier.1 - 0.002, "two requests to one specialist overlapped")
                }
            }
        }
    }

}
