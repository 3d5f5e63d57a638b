import AishMockServer
import Foundation
import Testing

/// OpenAI-compatible providers through the real binary (issue 17): the mock serves
/// Tekton's protocol and, under `/v1`, OpenAI's; config.yaml names the latter as
/// provider `local`, whose models answer as the mock's specialists do (`mock-coder`
/// as apollo, `mock-llama` as athena) and echo what came with the message.
@Suite(.timeLimit(.minutes(2))) struct ProviderTests {
    /// A sandbox whose config.yaml has `providers` (the text under `providers:`).
    private func sandbox(_ sandbox: SessionSandbox, providers: String) throws {
        let folder = (sandbox.path as NSString).appendingPathComponent("config/aish")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try ("providers:\n" + providers).write(
            toFile: (folder as NSString).appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
    }

    /// The provider `local` at the mock's OpenAI API, with mock-coder's capabilities.
    private func local(_ url: String, extra: String = "") -> String {
        """
          local:
            url: \(url)/v1
            models: [mock-coder, mock-llama]
            capabilities:
              mock-coder: {primary: [code-analysis, debugging], scores: {debugging: 0.99, code-analysis: 0.5}}
        \(extra)
        """
    }

    private func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.output)")
    }

    @Test func aModelAnswersByItsIdAndItsBareNameAndReportsTheUsageChunksTokens() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url))
                let env = sandbox.environment
                let byID = try await AishProcess.run(["--url", url, "local/mock-coder", "hi there"], environment: env)
                #expect(byID.status == 0, "\(byID.errors)")
                #expect(byID.output.contains("> echo from mock-coder: hi there"))

                let bare = try await AishProcess.run(
                    ["--url", url, "mock-llama", "hello", "--json", "-v"], environment: env)
                #expect(bare.status == 0, "\(bare.errors)")
                let reply = try json(bare)
                #expect(reply["specialist"] as? String == "local/mock-llama")
                #expect((reply["content"] as? String)?.contains("echo from mock-llama: hello") == true)
                #expect(reply["transport"] as? String == "openai")
                #expect(bare.errors.contains("at \(url)/v1 over OpenAI SSE"))
                // The usage chunk's count: what the server counts for the same reply, asked
                // for whole by another client.
                let reference = try await MockReference.modelReply(at: url, model: "mock-llama", message: "hello")
                let tokens = try #require(reply["tokens"] as? Int)
                #expect(tokens > 10)
                #expect(tokens == reference.completionTokens)
                #expect(reply["content"] as? String == reference.text)
            }
        }
    }

    /// A reasoning model (the mock's models think aloud when asked `[think]`): on a
    /// terminal its thinking shows first, framed and dimmed, then the answer; piped,
    /// standard output is the answer alone, byte for byte; `--json` has both apart.
    @Test func aReasoningModelsThinkingShowsOnTheTerminalAndNeverInTheReply() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url))
                let env = sandbox.environment
                let message = "[think] why is the sky blue"
                let reference = try await MockReference.modelReply(at: url, model: "mock-coder", message: message)
                let thinking = try #require(reference.reasoning)

                let piped = try await AishProcess.run(["--url", url, "local/mock-coder", message], environment: env)
                #expect(piped.status == 0, "\(piped.errors)")
                #expect(piped.output == reference.text)
                #expect(!piped.errors.contains("Thinking"))

                let object = try json(
                    try await AishProcess.run(["--url", url, "local/mock-coder", message, "--json"], environment: env))
                #expect(object["reasoning"] as? String == thinking)
                #expect((object["timings"] as? [String: Any])?["thinking_ms"] is Double)
                #expect(object["content"] as? String == reference.text)

                let terminal = try PseudoTerminal(["--url", url, "local/mock-coder", message], environment: env)
                #expect(try await terminal.waitForExit() == 0)
                let screen = terminal.screen
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let start = try #require(lines.firstIndex(of: "Thinking…"), "\(screen)")
                let end = try #require(lines.firstIndex(of: "…done thinking."), "\(screen)")
                // The thinking as the model sent it, without its blank lines, wrapped at words.
                let shown = lines[(start + 1)..<end].joined(separator: " ")
                let sent = thinking.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(shown == sent)
                #expect(lines[end + 1].isEmpty)
                #expect(lines[end + 2] == "Mock Coder on “think why is the sky blue”")
                #expect(terminal.rawScreen.contains("\u{1B}[2mThinking…\u{1B}[0m"))

                // The answer piped on: the thinking still shows, wrapped to the terminal's
                // width (60 here), not to a pipe's 80 columns, which would cut words in two.
                let aish = AishProcess.binary.path
                let piping = try PseudoTerminal(
                    ["-c", #""$0" "$@" | wc -c"#, aish, "--url", url, "local/mock-coder", message], program: "/bin/sh",
                    environment: env, columns: 60)
                #expect(try await piping.waitForExit() == 0)
                let rows = piping.screen.split(separator: "\n").map(String.init)
                let opened = try #require(rows.firstIndex(of: "Thinking…"), "\(piping.screen)")
                let closed = try #require(rows.firstIndex(of: "…done thinking."), "\(piping.screen)")
                #expect(rows[(opened + 1)..<closed].joined(separator: " ") == sent)
                #expect(rows.last?.trimmingCharacters(in: .whitespaces) == String(reference.text.utf8.count))

                // `thinking: hide` (here its variable): the answer alone.
                let hidden = try PseudoTerminal(
                    ["--url", url, "local/mock-coder", message],
                    environment: env.merging(["AISH_THINKING": "hide"]) { $1 })
                #expect(try await hidden.waitForExit() == 0)
                #expect(!hidden.screen.contains("Thinking"))
                #expect(hidden.screen.contains("Mock Coder on “think why is the sky blue”"))
            }
        }
    }

    /// A reasoning model served without a reasoning parser (vLLM without one, an LM
    /// Studio or Ollama set up so) writes its thinking into the text, `<think>…</think>`
    /// first: aish tells it apart as it streams, so piped output, `--json` and the
    /// terminal see the same as from a server that sends `reasoning_content`.
    @Test func thinkingWrittenInlineIsToldApartFromTheAnswer() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock(tokensPerSecond: 2000) { url in
                try self.sandbox(sandbox, providers: local(url))
                let env = sandbox.environment
                let message = "[think-inline] why is the sky blue"
                let reference = try await MockReference.modelReply(at: url, model: "mock-coder", message: message)
                #expect(reference.reasoning == nil)
                let (thinking, answer) = try MockReference.inlineThinking(in: reference.text)

                let piped = try await AishProcess.run(["--url", url, "local/mock-coder", message], environment: env)
                #expect(piped.status == 0, "\(piped.errors)")
                #expect(piped.output == answer)

                let object = try json(
                    try await AishProcess.run(["--url", url, "local/mock-coder", message, "--json"], environment: env))
                // The blank lines inside the tags are the tags' own.
                #expect(object["reasoning"] as? String == thinking)
                #expect(object["content"] as? String == answer)

                let terminal = try PseudoTerminal(["--url", url, "local/mock-coder", message], environment: env)
                #expect(try await terminal.waitForExit() == 0)
                let (lines, _, end) = try terminal.thinkingBlock()
                #expect(!terminal.screen.contains("<think>"))
                #expect(lines[end + 2] == "Mock Coder on “think-inline why is the sky blue”")
            }
        }
    }

    /// A server that refuses `stream_options` (as Azure's API does, with 400) and
    /// `max_tokens` (as OpenAI does for its reasoning models) still answers: aish asks
    /// again without the one and with `max_completion_tokens`, and counts the tokens itself.
    @Test func aServerThatRefusesTheUsageOptionAndMaxTokensStillAnswers() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock(faults: FaultPlan(refusesStreamOptions: true, refusesMaxTokens: true)) { url in
                try self.sandbox(sandbox, providers: local(url))
                let result = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "hi there", "--json"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.errors)")
                let reference = try await MockReference.modelReply(at: url, model: "mock-coder", message: "hi there")
                let object = try json(result)
                #expect(object["content"] as? String == reference.text)
                #expect(object["tokens"] as? Int == reference.completionTokens)

                let cut = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "hi there", "--max-tokens", "6", "--json"],
                    environment: sandbox.environment)
                #expect(cut.status == 0, "\(cut.errors)")
                #expect(try json(cut)["tokens"] as? Int == 6)
                #expect(cut.errors.contains("[length]"))
            }
        }
    }

    @Test func pipedInputAndTheSystemMessageGoWithTheMessage() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(
                    sandbox, providers: local(url, extra: "    system: You review code.\n"))
                let env = sandbox.environment
                let piped = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "review this"], stdin: "- a\n+ b\n", environment: env)
                #expect(piped.status == 0, "\(piped.errors)")
                #expect(piped.output.contains("echo from mock-coder: (system: You review code.) review this"))
                #expect(piped.output.contains("+ b"))

                let flag = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "again", "--system", "Be brief."], environment: env)
                #expect(flag.output.contains("echo from mock-coder: (system: Be brief.) again"))
            }
        }
    }

    @Test func aProviderThatCannotStreamAnswersWhole() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url, extra: "    stream: false\n"))
                let result = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "at once", "--json"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.errors)")
                let reply = try json(result)
                #expect((reply["content"] as? String)?.contains("echo from mock-coder: at once") == true)
                #expect((reply["tokens"] as? Int ?? 0) > 10)
            }
        }
    }

    @Test func continuingSendsTheEarlierTurnsAsMessages() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url))
                let env = sandbox.environment
                let first = try await AishProcess.run(["--url", url, "local/mock-llama", "first"], environment: env)
                #expect(first.status == 0, "\(first.errors)")
                #expect(first.output.contains("echo from mock-llama: first"))
                let second = try await AishProcess.run(["--url", url, "-c", "second"], environment: env)
                #expect(second.status == 0, "\(second.errors)")
                #expect(second.output.contains("echo from mock-llama: (2 earlier messages) second"))
                let third = try await AishProcess.run(["--url", url, "-c", "third"], environment: env)
                #expect(third.output.contains("echo from mock-llama: (4 earlier messages) third"))
                // Another model's session in between; `-c MODEL` finds the one with that model.
                let other = try await AishProcess.run(["--url", url, "local/mock-coder", "aside"], environment: env)
                #expect(other.output.contains("echo from mock-coder: aside"))
                let fourth = try await AishProcess.run(
                    ["--url", url, "-c", "local/mock-llama", "fourth"], environment: env)
                #expect(fourth.status == 0, "\(fourth.errors)")
                #expect(fourth.output.contains("echo from mock-llama: (6 earlier messages) fourth"))
                let sessions = try await sandbox.listedSessions()
                #expect(Set(sessions.map(\.specialist)) == ["local/mock-llama", "local/mock-coder"])
                #expect(sessions.first { $0.specialist == "local/mock-llama" }?.messageCount == 8)
            }
        }
    }

    /// A provider that lists its models with Ollama's tags: `-c local/mock-coder`
    /// continues the session kept as `local/mock-coder:latest`.
    @Test func continuingAModelByItsNameWithoutTheTag() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: "  local:\n    url: \(url)/v1\n    models: [mock-coder:latest]\n")
                let env = sandbox.environment
                let first = try await AishProcess.run(["--url", url, "local/mock-coder", "first"], environment: env)
                #expect(first.status == 0, "\(first.errors)")
                _ = try await AishProcess.run(["--url", url, "apollo", "aside"], environment: env)
                let again = try await AishProcess.run(
                    ["--url", url, "-c", "local/mock-coder", "again"], environment: env)
                #expect(again.status == 0, "\(again.errors)")
                #expect(again.output.contains("echo from mock-coder: (2 earlier messages) again"))
                let sessions = try await sandbox.listedSessions()
                #expect(sessions.first { $0.specialist == "local/mock-coder:latest" }?.messageCount == 4)
            }
        }
    }

    @Test func theShellUsesAModelAndMentionsOne() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url))
                let shell = try PseudoTerminal(["--url", url], environment: sandbox.environment)
                try await shell.waitFor("apollo›")
                shell.type("/use local/mock-l\t\r")  // completed by its id
                try await shell.waitFor("mock-llama›")
                shell.type("tell me\r")
                try await shell.waitFor("echo from mock-llama: tell me")
                try await shell.waitFor("mock-llama›", occurrences: 2)
                shell.type("@mock-coder and you\r")
                // The conversation so far goes with it: a model keeps none of its own.
                try await shell.waitFor("echo from mock-coder: (2 earlier messages) and you")
                try await shell.waitFor("mock-llama›", occurrences: 3)
                // A reasoning model's thinking shows before its answer, as in a one-shot chat.
                shell.type("[think] and now\r")
                try await shell.waitFor("…done thinking.")
                try await shell.waitFor("echo from mock-llama: (4 earlier messages) think and now")
                try await shell.waitFor("mock-llama›", occurrences: 4)
                shell.type("/quit\r")
                #expect(try await shell.waitForExit() == 0)
            }
        }
    }

    @Test func aPlanMixesAModelAndASpecialist() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url))
                let plan = (sandbox.path as NSString).appendingPathComponent("plan.json")
                try """
                {"operations": [
                  {"id": "draft", "ai": "local/mock-coder", "message": "draft it"},
                  {"id": "check", "ai": "athena", "message": "check: {{draft.response}}", "depends_on": ["draft"]},
                  {"id": "route", "ai": "@debugging", "message": "who debugs"}
                ]}
                """.write(toFile: plan, atomically: true, encoding: .utf8)
                let result = try await AishProcess.run(
                    ["--url", url, "bulk", plan, "--json"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.errors)")
                let results = try #require(try json(result)["results"] as? [String: [String: Any]])
                #expect(results["draft"]?["status"] as? String == "success")
                #expect((results["draft"]?["response"] as? String)?.contains("echo from mock-coder: draft it") == true)
                #expect(results["check"]?["status"] as? String == "success")
                #expect((results["check"]?["response"] as? String)?.contains("echo from athena: check: ") == true)
                // mock-coder's configured 0.99 beats every specialist's debugging score.
                #expect(
                    (results["route"]?["response"] as? String)?.contains("echo from mock-coder: who debugs") == true)
                #expect(results["route"]?["ai"] as? String == "local/mock-coder")

                let onServer = try await AishProcess.run(
                    ["--url", url, "bulk", plan, "--server"], environment: sandbox.environment)
                #expect(onServer.status != 0)
                #expect(onServer.errors.contains("leave out --server"))
            }
        }
    }

    @Test func aTeamAsksAModelBesideASpecialist() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url))
                let result = try await AishProcess.run(
                    ["--url", url, "team", "--to", "local/mock-llama,apollo", "all of you", "--json"],
                    environment: sandbox.environment)
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.output.contains("echo from mock-llama: all of you"))
                #expect(result.output.contains("echo from apollo: all of you"))
            }
        }
    }

    @Test func specialistsAndDiscoverListTheModelsRanked() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(sandbox, providers: local(url))
                let env = sandbox.environment
                let roster = try await AishProcess.run(["--url", url, "specialists", "--json"], environment: env)
                #expect(roster.status == 0, "\(roster.errors)")
                let entries = try #require(try JSONSerialization.jsonObject(with: roster.stdout) as? [[String: Any]])
                let model = try #require(entries.first { $0["id"] as? String == "local/mock-coder" })
                #expect(model["provider"] as? String == "local")
                #expect(entries.contains { $0["id"] as? String == "apollo" })

                let discover = try await AishProcess.run(
                    ["--url", url, "discover", "--capability", "debugging", "--json"], environment: env)
                #expect(discover.status == 0, "\(discover.errors)")
                let ranked = try #require(try json(discover)["specialists"] as? [[String: Any]])
                #expect(ranked.first?["id"] as? String == "local/mock-coder")
                #expect(ranked.contains { $0["id"] as? String == "apollo" })
            }
        }
    }

    @Test func withoutTektonTheModelsStillWorkAndNoPromptGoesAstray() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(
                    sandbox, providers: local(url) + "\n  dead:\n    url: http://127.0.0.1:1/v1\n")
                let env = sandbox.environment
                let nowhere = "http://127.0.0.1:1"
                // A Tekton name while Tekton is down: an error, and the words go to no model.
                let named = try await AishProcess.run(["--url", nowhere, "apollo", "review this"], environment: env)
                #expect(named.status != 0)
                #expect(named.errors.contains("cannot reach the Tekton server at \(nowhere)"))
                #expect(named.errors.contains("no specialist given: Tekton at \(nowhere) offers none now"))
                #expect(named.errors.contains("so name a model, as in `aish local/"))
                #expect(!named.output.contains("echo from"))

                // A model's id asks no roster: Tekton is not even tried.
                let direct = try await AishProcess.run(["--url", nowhere, "local/mock-coder", "hi"], environment: env)
                #expect(direct.status == 0, "\(direct.errors)")
                #expect(direct.output.contains("echo from mock-coder: hi"))
                #expect(!direct.errors.contains("Tekton"))

                let routed = try await AishProcess.run(["--url", nowhere, "@debugging", "why"], environment: env)
                #expect(routed.status == 0, "\(routed.errors)")
                #expect(routed.errors.contains("→ local/mock-coder"))
                #expect(routed.output.contains("echo from mock-coder: why"))
                // A capability no model has may be Tekton's: its error says more than "no such capability".
                let unknown = try await AishProcess.run(["--url", nowhere, "@juggling", "why"], environment: env)
                #expect(unknown.status != 0)
                #expect(unknown.errors.contains("cannot reach the Tekton server at \(nowhere)"), "\(unknown.errors)")

                let roster = try await AishProcess.run(["--url", nowhere, "specialists"], environment: env)
                #expect(roster.status == 0, "\(roster.errors)")
                #expect(roster.output.contains("local/mock-llama"))
                #expect(roster.errors.contains("Only the providers' models are available."))
                #expect(roster.errors.contains("provider dead (http://127.0.0.1:1/v1) did not list its models"))

                // The shell with no one named does not start with a model no one chose.
                let shell = try PseudoTerminal(["--url", nowhere], environment: env)
                #expect(try await shell.waitForExit() == 64)
                #expect(shell.screen.contains("so name a model, as in `aish local/"), "\(shell.screen)")

                // A provider that cannot list its models still owns its names: the words
                // go to it (and fail there), never to Tekton's default specialist.
                let dead = try await AishProcess.run(["--url", url, "dead/some-model", "secret"], environment: env)
                #expect(dead.status == 69)
                #expect(
                    dead.errors.contains(
                        "cannot reach the OpenAI-compatible server of provider dead at http://127.0.0.1:1/v1"))
                #expect(dead.errors.contains("check providers.dead.url in config.yaml"))
                #expect(!dead.output.contains("echo from"))
            }
        }
    }

    @Test func everyErrorStatusIsSaidClearlyAndLosesNothing() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                try self.sandbox(
                    sandbox,
                    providers: """
                          local:
                            url: \(url)/v1
                            models: [mock-coder, gpt-none]
                          wrong:
                            url: \(url)/nothing/v1
                            models: [some-model]
                        """)
                let env = sandbox.environment
                let missing = try await AishProcess.run(["--url", url, "local/gpt-none", "hi"], environment: env)
                #expect(missing.status != 0)
                #expect(missing.errors.contains("The model 'local/gpt-none' is not on this server"))

                let unknown = try await AishProcess.run(["--url", url, "local/nope", "hi"], environment: env)
                #expect(unknown.status == 67)
                #expect(unknown.errors.contains("no specialist named 'local/nope'"))
                #expect(unknown.errors.contains("Did you mean: local/mock-coder, local/gpt-none?"))

                let tooLong = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "hi", "--max-tokens", "900000000"], environment: env)
                #expect(tooLong.status != 0)
                #expect(tooLong.errors.contains("HTTP 400"))
                #expect(tooLong.errors.contains("max_tokens must be from 1 to"))

                let noAPI = try await AishProcess.run(["--url", url, "wrong/some-model", "hi"], environment: env)
                #expect(noAPI.status != 0)
                #expect(noAPI.errors.contains("No OpenAI-compatible API answers at \(url)/nothing/v1"))
                #expect(!noAPI.errors.contains("Fatal error"))
            }
        }
    }

    @Test func overloadedFailingAndRateLimitedServers() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock(faults: FaultPlan(unavailable: true)) { url in
                try self.sandbox(sandbox, providers: local(url))
                let result = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "hi"], environment: sandbox.environment)
                #expect(result.status != 0)
                #expect(result.errors.contains("local/mock-coder"))
                #expect(result.errors.contains("unavailable") || result.errors.contains("503"))
            }
            try await withFastMock(faults: FaultPlan(fatalErrorAt: 1)) { url in
                try self.sandbox(sandbox, providers: local(url))
                let result = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "hi"], environment: sandbox.environment)
                #expect(result.status != 0)
                #expect(result.errors.contains("HTTP 500"))
                #expect(result.errors.contains("The server failed"))
            }
            try await withFastMock(faults: FaultPlan(rateLimitedRequests: 1)) { url in
                try self.sandbox(sandbox, providers: local(url))
                let result = try await AishProcess.run(
                    ["--url", url, "local/mock-coder", "patience"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.errors.contains("tries again in 1 s"))
                #expect(result.output.contains("echo from mock-coder: patience"))
            }
        }
    }

    @Test func theAPIKeyIsSentAndNeverShown() async throws {
        let key = "sk-test-ff31c9d2a7e04b6b"
        try await SessionSandbox.with { sandbox in
            var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
            configuration.tokens = [key]
            try await withMockServer(configuration) { url in
                try self.sandbox(
                    sandbox, providers: local(url, extra: "    api_key_env: AISH_TEST_PROVIDER_KEY\n"))
                var env = sandbox.environment
                env["AISH_TEST_PROVIDER_KEY"] = key
                let runs = [
                    try await AishProcess.run(["--url", url, "local/mock-coder", "hi", "-v"], environment: env),
                    try await AishProcess.run(["--url", url, "local/mock-coder", "hi", "--json"], environment: env),
                    try await AishProcess.run(["config", "show"], environment: env),
                    try await AishProcess.run(["config", "show", "--json"], environment: env),
                ]
                for run in runs { #expect(run.status == 0, "\(run.errors)") }
                #expect(runs[0].output.contains("echo from mock-coder: hi"))
                #expect(runs[1].output.contains("echo from mock-coder: hi"))
                #expect(runs[2].output.contains("providers.local"))
                #expect(runs[2].output.contains("key from $AISH_TEST_PROVIDER_KEY (set)"))
                #expect(runs[3].output.contains("providers.local"))
                env["AISH_TEST_PROVIDER_KEY"] = key + "x"
                let refused = try await AishProcess.run(["--url", url, "local/mock-coder", "hi"], environment: env)
                #expect(refused.status == 77)
                #expect(refused.errors.contains("did not accept the API key"))
                #expect(refused.errors.contains("providers.local.api_key_env"))
                for run in runs + [refused] {
                    #expect(!run.output.contains(key) && !run.errors.contains(key))
                }
            }
        }
    }

    @Test func theMockBringsAModelOfItsOwn() async throws {
        let result = try await AishProcess.run(["--mock", "local/mock-coder", "hello", "--no-save"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("echo from mock-coder: hello"))
        let roster = try await AishProcess.run(["--mock", "specialists"])
        #expect(roster.output.contains("local/mock-llama"))
    }

    @Test func statusTellsTektonAnOpenAICompatibleServerAndNeitherApart() async throws {
        var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        configuration.profile = .openAI
        try await withMockServer(configuration) { url in
            let status = try await AishProcess.run(["status", "--url", url])
            #expect(status.status == 69)
            #expect(status.output.contains("an OpenAI-compatible API at \(url)/v1, not Tekton: 2 models"))
            #expect(status.output.contains("url: \(url)/v1"))
            let json = try await AishProcess.run(["status", "--url", url, "--json"])
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(object["kind"] as? String == "openai-compatible")
            #expect((object["suggested_configuration"] as? String)?.contains("providers:") == true)

            let chat = try await AishProcess.run(["--url", url, "apollo", "hi"])
            #expect(chat.status == 69)
            #expect(chat.errors.contains("is not a Tekton server"))
            #expect(chat.errors.contains("aish status --url \(url)"))

            let neither = try await AishProcess.run(["status", "--url", url + "/nothing", "--json"])
            #expect(neither.status == 69)
            let other = try #require(try JSONSerialization.jsonObject(with: neither.stdout) as? [String: Any])
            #expect(other["kind"] as? String == "neither")

            // Already a provider: nothing to add, and how to use it.
            try await SessionSandbox.with { sandbox in
                try self.sandbox(sandbox, providers: "  ollama:\n    url: \(url)/v1/\n")
                let known = try await AishProcess.run(["status", "--url", url], environment: sandbox.environment)
                #expect(known.output.contains("configured as provider ollama: chat with `aish ollama/MODEL`"))
                #expect(!known.output.contains("config.yaml"))
                #expect(!known.output.contains("add it as a provider"))
            }
        }
        try await withFastMock { url in
            let json = try await AishProcess.run(["status", "--url", url, "--json"])
            #expect(json.status == 0)
            let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
            #expect(object["kind"] as? String == "tekton")
        }
    }
}
