import Foundation
import Testing

@Suite struct SpecialistsCommandTests {
    @Test func jsonListsTheWholeRoster() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["specialists", "--url", url, "--json"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            let list = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]])
            #expect(list.count >= 12)
            let ids = Set(list.compactMap { $0["id"] as? String })
            for name in ["apollo", "athena", "rhetor", "prometheus", "metis", "hermes", "telos"] {
                #expect(ids.contains(name), "missing \(name)")
            }
            let hermes = try #require(list.first { $0["id"] as? String == "hermes" })
            #expect(hermes["healthy"] as? Bool == false)
        }
    }

    @Test func tableShowsStatusAndCapabilities() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["specialists", "--url", url])
            #expect(result.status == 0, "stderr: \(result.errors)")
            let lines = result.output.split(separator: "\n")
            #expect(lines.first?.hasPrefix("SPECIALIST") == true)
            let hermes = try #require(lines.first { $0.hasPrefix("hermes ") })
            #expect(hermes.contains("unavailable"))
            let apollo = try #require(lines.first { $0.hasPrefix("apollo ") })
            #expect(apollo.contains("healthy"))
        }
    }

    /// `--capability` belongs to `discover`; typed here, it says so, and contacts nothing.
    @Test func aCapabilityFilterPointsToDiscover() async throws {
        let result = try await AishProcess.run([
            "specialists", "--url", "http://127.0.0.1:9", "--capability", "debugging",
        ])
        #expect(result.status == 64)
        #expect(result.errors.contains("takes no --capability"))
        #expect(result.errors.contains("`aish discover --capability debugging`"))
        let help = try await AishProcess.run(["specialists", "--help"])
        #expect(!help.output.contains("--capability"))
    }
}
