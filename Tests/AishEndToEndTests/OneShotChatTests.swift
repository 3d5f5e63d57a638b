import AishKit
import AishMockServer
import Foundation
import Testing

/// `aish SPECIALIST MESSAGE` through the real binary, with pipes, against the mock.
@Suite struct OneShotChatTests {
    @Test func pipedOutputIsExactlyTheReply() async throws {
        try await withFastMock { url in
            let expected = try await MockReference.reply(
                at: url, specialist: "apollo", message: "Explain the retry policy")
            let result = try await AishProcess.run(["--url", url, "apollo", "Explain the retry policy"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == expected)
            #expect(result.errors.isEmpty)
            #expect(!result.output.contains("\u{1B}"))
        }
    }

    /// A quoted message that starts with a dash is the message, not a bundle of
    /// one-letter flags (the `h` of "the" used to print the help and send nothing);
    /// options after it still count, and a search finds it as typed.
    @Test func aMessageThatStartsWithADashIsSent() async throws {
        try await withFastMock { url in
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("aish-dash-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: data) }
            let environment = ["XDG_DATA_HOME": data.path]
            let expected = try await MockReference.reply(at: url, specialist: "apollo", message: "- list the steps")
            let result = try await AishProcess.run(
                ["--url", url, "apollo", "- list the steps"], environment: environment)
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == expected)
            let words = try await AishProcess.run(
                ["--url", url, "apollo", "explain", "--why not", "here", "--json", "--max-tokens", "8"],
                environment: environment)
            #expect(words.status == 0, "stderr: \(words.errors)")
            #expect(words.output.contains(#"“explain --why not here”"#))
            let search = try await AishProcess.run(["sessions", "search", "- list the"], environment: environment)
            #expect(search.status == 0, "stderr: \(search.errors)")
            #expect(search.output.contains("- list the steps"))
            // A word without a blank is still an option: -h asks for help.
            let help = try await AishProcess.run(["apollo", "-h"])
            #expect(help.output.hasPrefix("OVERVIEW: Send a message"))
        }
    }

    /// A reply stopped at the token limit says so on standard error, whoever served
    /// it (Tekton over v2 SSE or WebSocket, a provider's model); one that ended by
    /// itself says nothing.
    @Test(arguments: [["apollo"], ["apollo", "--transport", "ws"], ["env/mock-coder"]])
    func aReplyCutAtTheTokenLimitSaysSo(_ target: [String]) async throws {
        let notice = "aish: notice from the server [length]: the reply was cut off at the token limit"
        try await withFastMock { url in
            let provider = ["AISH_PROVIDER_URL": url + "/v1", "AISH_PROVIDER_MODELS": "mock-coder"]
            let cut = try await AishProcess.run(
                ["--url", url] + target + ["hello", "--max-tokens", "5"], environment: provider)
            #expect(cut.status == 0, "stderr: \(cut.errors)")
            #expect(cut.errors.components(separatedBy: notice).count == 2, "stderr: \(cut.errors)")
            #expect(!cut.output.contains(notice))
            let whole = try await AishProcess.run(["--url", url] + target + ["hello"], environment: provider)
            #expect(whole.status == 0, "stderr: \(whole.errors)")
            #expect(!whole.output.isEmpty)
            #expect(!whole.errors.contains("[length]"))
        }
    }

    /// With standard error where standard output goes (`2>&1`), a line aish writes
    /// there after a reply that stopped mid-line starts a line of its own, and the
    /// reply's text is still exactly the server's: the notice of a cut reply, and the
    /// error of a failed one.
    @Test func aLineOnStandardErrorDoesNotJoinTheReplysLastWords() async throws {
        let notice = "aish: notice from the server [length]: the reply was cut off at the token limit"
        try await withFastMock { url in
            let reply = try await AishProcess.run(["--url", url, "apollo", "hello", "--max-tokens", "3"])
            #expect(reply.status == 0, "stderr: \(reply.errors)")
            #expect(!reply.output.isEmpty && !reply.output.hasSuffix("\n"))
            let cut = try await AishProcess.run(
                ["--url", url, "apollo", "hello", "--max-tokens", "3"], mergingErrors: true)
            #expect(cut.status == 0, "output: \(cut.output)")
            #expect(cut.output.hasPrefix(reply.output + "\n" + notice), "output: \(cut.output)")
        }
        try await withFastMock(faults: FaultPlan(fatalErrorAt: 4)) { url in
            let partial = try await AishProcess.run(["--url", url, "apollo", "hello"])
            #expect(partial.status == 1)
            #expect(!partial.output.isEmpty && !partial.output.hasSuffix("\n"), "output: \(partial.output)")
            let failed = try await AishProcess.run(["--url", url, "apollo", "hello"], mergingErrors: true)
            #expect(failed.status == 1)
            #expect(failed.output.hasPrefix(partial.output + "\naish: error: "), "output: \(failed.output)")
        }
    }

    @Test func chatSubcommandMatchesShortForm() async throws {
        try await withFastMock { url in
            let short = try await AishProcess.run(["apollo", "--url", url, "hello", "there"])
            let long = try await AishProcess.run(["chat", "--url", url, "apollo", "hello there"])
            #expect(short.status == 0)
            #expect(long.status == 0)
            #expect(short.stdout == long.stdout)
            #expect(!short.stdout.isEmpty)
        }
    }

    @Test func stdinIsAppendedAfterTheInstruction() async throws {
        try await withFastMock { url in
            let diff = "diff --git a/x b/x\n+let answer = 42\n"
            let expected = try await MockReference.reply(
                at: url, specialist: "athena", message: "review this\n\n" + diff)
            let result = try await AishProcess.run(["--url", url, "athena", "review this"], stdin: diff)
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == expected)
        }
    }

    @Test func stdinAloneIsTheMessage() async throws {
        try await withFastMock { url in
            let expected = try await MockReference.reply(at: url, specialist: "metis", message: "plan the sprint\n")
            let result = try await AishProcess.run(["--url", url, "metis"], stdin: "plan the sprint\n")
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == expected)
        }
    }

    @Test func everyTransportGivesTheSameText() async throws {
        try await withFastMock { url in
            let expected = try await MockReference.reply(at: url, specialist: "rhetor", message: "same text")
            for transport in ["ws", "sse", "v1", "v1-post"] {
                let result = try await AishProcess.run(["--url", url, "--transport", transport, "rhetor", "same text"])
                #expect(result.status == 0, "\(transport): \(result.errors)")
                #expect(result.output == expected, "transport \(transport)")
            }
        }
    }

    /// A reasoning model behind a Tekton specialist writes its thinking into the text,
    /// `<think>…</think>` first: over every transport, piped output is the answer alone,
    /// `--json` has the thinking apart, and a terminal shows it as thinking.
    @Test func thinkingWrittenIntoTheReplyIsToldApartOverEveryTransport() async throws {
        try await withFastMock { url in
            let message = "[think-inline] why is the sky blue"
            let reference = try await MockReference.reply(at: url, specialist: "apollo", message: message)
            let (thinking, answer) = try MockReference.inlineThinking(in: reference)
            for transport in ["ws", "sse", "v1", "v1-post"] {
                let piped = try await AishProcess.run(["--url", url, "--transport", transport, "apollo", message])
                #expect(piped.status == 0, "\(transport): \(piped.errors)")
                #expect(piped.output == answer, "\(transport)")
                let json = try await AishProcess.run(
                    ["--url", url, "--transport", transport, "apollo", message, "--json"])
                let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
                #expect(object["reasoning"] as? String == thinking, "\(transport)")
                #expect(object["content"] as? String == answer, "\(transport)")
            }
            let terminal = try PseudoTerminal(["--url", url, "apollo", message])
            #expect(try await terminal.waitForExit() == 0)
            _ = try terminal.thinkingBlock()
            #expect(!terminal.screen.contains("think>"))
        }
    }

    @Test func jsonPrintsOneObjectWithTheReply() async throws {
        try await withFastMock { url in
            let expected = try await MockReference.reply(at: url, specialist: "sophia", message: "measure it")
            let result = try await AishProcess.run(["--url", url, "sophia", "measure it", "--json"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(object["content"] as? String == expected)
            #expect(object["specialist"] as? String == "sophia")
            #expect(object["transport"] as? String == "sse")
            #expect((object["tokens"] as? Int ?? 0) > 0)
            #expect(object["completed"] as? Bool == true)
            let timings = try #require(object["timings"] as? [String: Any])
            #expect(timings["total_ms"] is NSNumber)
        }
    }

    @Test func maxTokensSetsTheLength() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run([
                "--url", url, "apollo", "long one", "--max-tokens", "5000", "--json",
            ])
            #expect(result.status == 0, "stderr: \(result.errors)")
            let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(object["tokens"] as? Int == 5000)
        }
    }

    /// On a narrow terminal the `-v` lines wrap at words, like errors do.
    @Test func verboseLinesWrapAtWordsOnATerminal() async throws {
        try await withFastMock { url in
            let terminal = try PseudoTerminal(
                ["--url", url, "-v", "apollo", "hi", "--max-tokens", "5"], columns: 50)
            #expect(try await terminal.waitForExit() == 0)
            let screen = terminal.screen
            for word in TransportSelector.oneMessageReason.split(separator: " ") {
                #expect(screen.contains(word), "\(word) was cut at the edge:\n\(screen)")
            }
            #expect(screen.split(separator: "\n").allSatisfy { TerminalWidth.cells($0) <= 50 })
        }
    }

    @Test func verboseSaysWhichTransportAndWhy() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["--url", url, "--verbose", "apollo", "hi"])
            #expect(result.status == 0)
            #expect(result.errors.contains("over v2 SSE (\(TransportSelector.oneMessageReason))"))
            #expect(result.errors.contains("tokens"))
        }
    }

    @Test func inProcessMockWorksWithOneFlag() async throws {
        let result = try await AishProcess.run(["--mock", "apollo", "hello from --mock"])
        #expect(result.status == 0, "stderr: \(result.errors)")
        #expect(result.output.contains("Apollo") || result.output.contains("apollo"))
        #expect(result.output.count > 40)
    }
}
