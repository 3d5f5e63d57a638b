import AishMockServer
import Foundation
import Testing

/// `aish discover` and `aish @capability`, the real binary against the mock.
@Suite struct DiscoverCommandTests {
    /// The mock's debugging specialists in the formula's order (hermes is inactive).
    static let debuggingOrder = ["apollo", "terma", "synthesis", "ergon", "harmonia"]

    func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
    }

    @Test func pipedOutputIsJSONRankedByTheFormula() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["discover", "--url", url, "--capability", "debugging"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.errors.isEmpty)
            let object = try json(result)
            #expect(object["source"] as? String == "v2")
            #expect(object["capability"] as? String == "debugging")
            #expect((object["formula"] as? String)?.hasPrefix("rank = 0.7 * score") == true)
            let list = try #require(object["specialists"] as? [[String: Any]])
            #expect(list.compactMap { $0["id"] as? String } == Self.debuggingOrder)
            let apollo = try #require(list.first)
            #expect(apollo["score"] as? Double == 0.9)
            #expect(apollo["position"] as? Int == 1)
            #expect(apollo["success_rate"] as? Double == 0.98)
            let rank = try #require(apollo["rank"] as? Double)
            #expect(abs(rank - 0.871455) < 1e-6)
        }
    }

    @Test func statusAllAndMinScoreFilter() async throws {
        try await withFastMock { url in
            let all = try await AishProcess.run(
                ["discover", "--url", url, "--capability", "debugging", "--status", "all", "--json"])
            let everyone = try #require(try json(all)["specialists"] as? [[String: Any]])
            #expect(everyone.compactMap { $0["id"] as? String } == Self.debuggingOrder + ["hermes"])
            let strong = try await AishProcess.run(
                ["discover", "--url", url, "--capability", "debugging", "--min-score", "0.75", "--json"])
            let list = try #require(try json(strong)["specialists"] as? [[String: Any]])
            #expect(list.compactMap { $0["id"] as? String } == ["apollo", "terma", "synthesis"])
            let bad = try await AishProcess.run(["discover", "--url", url, "--min-score", "2"])
            #expect(bad.status == 64)
            #expect(bad.errors.contains("--min-score must be between 0 and 1, not 2.0"))
        }
    }

    @Test func bestPrintsTheWinnerAndRunnersUp() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["discover", "--url", url, "--best", "--capability", "debugging"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            let object = try json(result)
            #expect(object["chosen_by"] as? String == "server")
            #expect((object["best"] as? [String: Any])?["id"] as? String == "apollo")
            let runnersUp = try #require(object["runners_up"] as? [[String: Any]])
            #expect(runnersUp.compactMap { $0["id"] as? String } == Array(Self.debuggingOrder.dropFirst()))
            #expect(runnersUp.first?["position"] as? Int == 2)
        }
    }

    @Test func anUnknownCapabilitySaysDidYouMean() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["discover", "--url", url, "--capability", "debuging"])
            #expect(result.status == 67)
            #expect(result.output.isEmpty)
            #expect(
                result.errors
                    == "aish: error: no capability named 'debuging' on this server. Did you mean: debugging?\n")
        }
    }

    @Test func answersAreCachedPrivatelyAndRefreshAsksAgain() async throws {
        let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("aish-cache-\(UUID())")
        defer { try? FileManager.default.removeItem(at: cacheHome) }
        let environment = ["XDG_CACHE_HOME": cacheHome.path]
        // A socket holds the port, bound but not listening, from before the mock
        // starts on it until the end: once the mock is gone the port refuses
        // connections, and no other test's server can take it meanwhile.
        try await withRefusingPort { port in
            let url = try await withMockServer(
                MockServerConfiguration(port: port, tokensPerSecond: 0, firstTokenLatency: 0)
            ) { url in
                let first = try await AishProcess.run(
                    ["discover", "--url", url, "--capability", "planning", "-v"], environment: environment)
                #expect(first.status == 0, "stderr: \(first.errors)")
                #expect(first.errors.contains("discovery asked \(url)"))
                #expect(try json(first)["cached"] as? Bool == false)
                return url
            }
            let file = cacheHome.appendingPathComponent("aish/discovery.json")
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect(attributes[.posixPermissions] as? Int == 0o600)
            // The server is gone now: a cached answer still comes back, a refresh cannot.
            let cached = try await AishProcess.run(
                ["discover", "--url", url, "--capability", "planning", "-v"], environment: environment)
            #expect(cached.status == 0, "stderr: \(cached.errors)")
            #expect(cached.errors.contains("discovery answer from the cache"))
            let list = try #require(try json(cached)["specialists"] as? [[String: Any]])
            #expect(list.first?["id"] as? String == "prometheus")
            let refreshed = try await AishProcess.run(
                ["discover", "--url", url, "--capability", "planning", "--refresh"], environment: environment)
            #expect(refreshed.status == 69)
            #expect(refreshed.errors.contains("cannot reach the Tekton server at \(url)"))
        }
    }

    @Test func routesAOneShotMessageByCapability() async throws {
        try await withFastMock { url in
            let expected = try await MockReference.reply(at: url, specialist: "apollo", message: "why does it hang?")
            let result = try await AishProcess.run(["--url", url, "@debugging", "why does it hang?"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == expected)
            #expect(result.errors == "→ apollo (debugging 0.90)\n")
            let named = try await AishProcess.run(["--url", url, "@athena", "hi"])
            #expect(named.status == 0, "stderr: \(named.errors)")
            #expect(named.errors.isEmpty)
            let typo = try await AishProcess.run(["--url", url, "@debuging", "plugh-xyzzy"])
            #expect(typo.status == 67)
            #expect(typo.errors.contains("Did you mean: debugging?"))
            #expect(!typo.errors.contains("plugh-xyzzy"))
        }
    }

    @Test func aTerminalGetsATable() async throws {
        try await withFastMock { url in
            let terminal = try PseudoTerminal(["discover", "--url", url, "--capability", "debugging"])
            #expect(try await terminal.waitForExit() == 0)
            let lines = terminal.screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let header = try #require(lines.firstIndex { $0.hasPrefix("#  SPECIALIST") })
            #expect(lines[header].contains("SCORE  SUCCESS  AVG TIME  RANK"))
            #expect(lines[header + 1].hasPrefix("1  apollo"))
            #expect(lines[header + 1].hasSuffix("0.90   98%      1.2 s     0.871"))
            #expect(lines[header + 2].hasPrefix("2  terma"))
        }
    }
}
