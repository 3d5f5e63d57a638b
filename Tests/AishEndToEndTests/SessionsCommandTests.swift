import AishKit
import Foundation
import Testing

/// `aish sessions …` through the real binary.
@Suite struct SessionsCommandTests {
    /// A sandbox holding two chats (apollo about retries, athena about the sprint).
    private func withTwoSessions(_ body: (SessionSandbox, [String]) async throws -> Void) async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                for (who, what) in [("apollo", "Explain the retry policy"), ("athena", "Plan the sprint")] {
                    let chat = try await AishProcess.run(["--url", url, who, what], environment: sandbox.environment)
                    #expect(chat.status == 0, "stderr: \(chat.errors)")
                }
            }
            let listed = try await run(["sessions", "--json"], sandbox)
            let ids = try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]]
            try await body(sandbox, (ids ?? []).compactMap { $0["id"] as? String })
        }
    }

    private func run(_ arguments: [String], _ sandbox: SessionSandbox, _ extra: [String: String] = [:]) async throws
        -> ProcessResult
    {
        try await AishProcess.run(arguments, environment: sandbox.environment.merging(extra) { $1 })
    }

    @Test func listShowsNewestFirst() async throws {
        try await withTwoSessions { sandbox, ids in
            #expect(ids.count == 2)
            let table = try await run(["sessions"], sandbox)
            #expect(table.status == 0)
            let lines = table.output.split(separator: "\n")
            #expect(lines.count == 3)
            #expect(lines[1].hasPrefix(ids[0].prefix(8)))
            #expect(lines[1].hasSuffix("Plan the sprint"))
            #expect(lines[2].hasSuffix("Explain the retry policy"))
            let limited = try await run(["sessions", "list", "--limit", "1"], sandbox)
            #expect(limited.output.split(separator: "\n").count == 2)
        }
    }

    @Test func anEmptyStoreSaysSo() async throws {
        try await SessionSandbox.with { sandbox in
            let table = try await run(["sessions"], sandbox)
            #expect(table.status == 0)
            #expect(table.output.contains("No sessions yet"))
            let show = try await run(["sessions", "show"], sandbox)
            #expect(show.status == 67)
            #expect(show.errors.contains("there is no session in"))
            #expect(try await run(["sessions", "--json"], sandbox).output == "[]\n")
        }
    }

    @Test func showAndExport() async throws {
        try await withTwoSessions { sandbox, ids in
            let show = try await run(["sessions", "show", String(ids[1].prefix(4))], sandbox)
            #expect(show.status == 0, "stderr: \(show.errors)")
            #expect(show.output.hasPrefix("# Explain the retry policy\n"))
            // Without an id, the latest: the one `-c` would continue.
            let latest = try await run(["sessions", "show"], sandbox)
            #expect(latest.status == 0, "stderr: \(latest.errors)")
            #expect(latest.output.hasPrefix("# Plan the sprint\n"))
            #expect(show.output.contains("## You → apollo\n\nExplain the retry policy\n"))
            let markdown = try await run(["sessions", "export", ids[1], "--format", "markdown"], sandbox)
            #expect(markdown.output == show.output)
            let json = try await run(["sessions", "export", ids[1], "--format", "json"], sandbox)
            let object = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
            #expect(object?["id"] as? String == ids[1])
            #expect((object?["messages"] as? [Any])?.count == 2)
            let bad = try await run(["sessions", "export", ids[1], "--format", "pdf"], sandbox)
            #expect(bad.status == 64)
        }
    }

    /// On a terminal `sessions show` renders the conversation as replies are
    /// rendered; `--raw` (and a pipe, above) gives the Markdown as stored.
    @Test func showRendersOnATerminal() async throws {
        try await withTwoSessions { sandbox, ids in
            let environment = sandbox.environment.merging(["NO_COLOR": "1"]) { $1 }
            let rendered = try PseudoTerminal(["sessions", "show", ids[1]], environment: environment)
            #expect(try await rendered.waitForExit() == 0)
            #expect(rendered.screen.contains("• Session: \(ids[1])"), "\(rendered.screen)")
            #expect(rendered.screen.contains("You → apollo"), "\(rendered.screen)")
            #expect(!rendered.screen.contains("## You"), "\(rendered.screen)")
            let raw = try PseudoTerminal(["sessions", "show", ids[1], "--raw"], environment: environment)
            #expect(try await raw.waitForExit() == 0)
            #expect(raw.screen.contains("- Session: \(ids[1])"), "\(raw.screen)")
            #expect(raw.screen.contains("## You → apollo"), "\(raw.screen)")
        }
    }

    /// On a terminal the list and a search's snippets fit its width, cut with `…`
    /// rather than wrapped in the middle of a word; the match is bold.
    @Test func onATerminalLinesFitTheWidth() async throws {
        try await withTwoSessions { sandbox, ids in
            let list = try PseudoTerminal(["sessions"], environment: sandbox.environment, columns: 64)
            #expect(try await list.waitForExit() == 0)
            let rows = list.screen.split(separator: "\n").map(String.init)
            #expect(rows.count == 3, "\(list.screen)")
            #expect(
                rows.contains { $0.hasPrefix(ids[1].prefix(8)) && $0.hasSuffix("Explain the retry…") }, "\(list.screen)"
            )
            let search = try PseudoTerminal(
                ["sessions", "search", "retry"], environment: sandbox.environment, columns: 64)
            #expect(try await search.waitForExit() == 0)
            #expect(search.rawScreen.contains("\u{1B}[1mretry\u{1B}[22m"))
            let lines = search.screen.split(separator: "\n").map(String.init)
            // A session's line, or one of its snippets: none wrapped onto a line of its own.
            #expect(
                lines.allSatisfy { line in ids.contains { line.hasPrefix($0.prefix(8)) } || line.hasPrefix("    ") },
                "\(search.screen)")
            #expect(lines.contains { $0.hasPrefix("    apollo: …") && $0.hasSuffix("…") }, "\(search.screen)")
        }
    }

    @Test func searchFindsAndSaysWhenNothingMatches() async throws {
        try await withTwoSessions { sandbox, ids in
            let found = try await run(["sessions", "search", "EXPLAIN THE RETRY"], sandbox)
            #expect(found.status == 0)
            #expect(found.output.hasPrefix(String(ids[1].prefix(8))))
            #expect(found.output.contains("you: Explain the retry policy"))
            #expect(!found.output.contains("Plan the sprint"))
            #expect(!found.output.contains(ids[0].prefix(8)))
            let missing = try await run(["sessions", "search", "no such words anywhere"], sandbox)
            #expect(missing.status == 1)
            #expect(missing.errors.contains("no session contains 'no such words anywhere'"))
        }
    }

    @Test func deleteChecksEveryIDFirst() async throws {
        try await withTwoSessions { sandbox, ids in
            let other = ["0", "f"].first { digit in !ids.contains { $0.hasPrefix(digit) } } ?? "0123456789abcdef"
            let refused = try await run(["sessions", "delete", ids[0], other], sandbox)
            #expect(refused.status == 67)
            #expect(try await run(["sessions", "--json"], sandbox).output.contains(ids[0]))
            let deleted = try await run(["sessions", "delete", String(ids[0].prefix(6))], sandbox)
            #expect(deleted.status == 0, "stderr: \(deleted.errors)")
            #expect(deleted.output == "Deleted 1 session: \(ids[0].prefix(8))\n")
            let left = try await run(["sessions", "--json"], sandbox).output
            #expect(!left.contains(ids[0]))
            #expect(left.contains(ids[1]))
        }
    }

    @Test func pruneTakesAnAge() async throws {
        try await withTwoSessions { sandbox, _ in
            let pruned = try await run(["sessions", "prune", "--older-than", "30d"], sandbox)
            #expect(pruned.output == "Deleted 0 sessions idle for longer than 30d.\n")
            let bad = try await run(["sessions", "prune", "--older-than", "soon"], sandbox)
            #expect(bad.status == 64)
            #expect(bad.errors.contains("invalid value 'soon' for --older-than"))
            let badTTL = try await run(["sessions"], sandbox, ["AISH_SESSION_TTL": "forever"])
            #expect(badTTL.status == 78)
            #expect(badTTL.errors.contains("AISH_SESSION_TTL"))
            #expect(badTTL.errors.contains("'forever'"))
        }
    }

    /// The help (and so the man page) gives the default and where to look; the value
    /// in effect is `aish config show`'s, never baked into the text.
    @Test func helpShowsTheDefaultTTLAndConfigShowTheOneInEffect() async throws {
        let help = try await AishProcess.run(["sessions", "--help"])
        #expect(help.output.contains("30 days (30d)"))
        #expect(help.output.contains("`aish config show`"))
        let custom = try await AishProcess.run(["sessions", "--help"], environment: ["AISH_SESSION_TTL": "12h"])
        #expect(custom.output == help.output)
        let shown = try await AishProcess.run(["config", "show"], environment: ["AISH_SESSION_TTL": "12h"])
        #expect(shown.output.contains("session.ttl                  12h"))
    }

    @Test func rekeyKeepsEverythingReadable() async throws {
        try await withTwoSessions { sandbox, ids in
            let before = FileManager.default.contents(atPath: sandbox.keyPath)
            let rekey = try await run(["sessions", "rekey"], sandbox)
            #expect(rekey.status == 0, "stderr: \(rekey.errors)")
            #expect(rekey.output.contains("Re-encrypted 2 sessions and 4 messages"))
            #expect(FileManager.default.contents(atPath: sandbox.keyPath) != before)
            let show = try await run(["sessions", "show", ids[1]], sandbox)
            #expect(show.output.contains("Explain the retry policy"))
        }
    }

    @Test func aWrongKeyIsRefusedAndNothingIsLost() async throws {
        try await withTwoSessions { sandbox, ids in
            let wrong = ["AISH_SESSION_KEY": Data(repeating: 3, count: 32).base64EncodedString()]
            let refused = try await run(["sessions"], sandbox, wrong)
            #expect(refused.status == 78)
            #expect(refused.errors.contains("does not open \(sandbox.databasePath)"))
            #expect(refused.output.isEmpty)
            #expect(try await run(["sessions", "--json"], sandbox).output.contains(ids[1]))
        }
    }

    @Test func aDamagedDatabaseIsReportedAndKept() async throws {
        try await SessionSandbox.with { sandbox in
            try FileManager.default.createDirectory(
                atPath: (sandbox.databasePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let junk = Data(String(repeating: "not sqlite at all\n", count: 100).utf8)
            #expect(FileManager.default.createFile(atPath: sandbox.databasePath, contents: junk))
            let listed = try await run(["sessions"], sandbox)
            #expect(listed.status == 74)
            #expect(listed.errors.contains("is damaged or not a database"))
            try await withFastMock { url in
                let chat = try await run(["--url", url, "apollo", "hello"], sandbox)
                #expect(chat.status == 74)
                #expect(chat.output.isEmpty)
            }
            #expect(FileManager.default.contents(atPath: sandbox.databasePath) == junk)
        }
    }
}
