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

    /// Words narrow the list to what contains every one of them, ignoring case, in an
    /// id, name, category or capability; none matching is exit 1, said on standard error.
    @Test func wordsNarrowTheList() async throws {
        try await withFastMock { url in
            let debugging = try await AishProcess.run(["specialists", "--url", url, "DEBUG"])
            #expect(debugging.status == 0, "stderr: \(debugging.errors)")
            let ids = debugging.output.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first }
            #expect(ids == ["apollo", "terma"], "\(debugging.output)")

            let both = try await AishProcess.run(["specialists", "--url", url, "apollo", "debugging", "--json"])
            let list = try #require(try JSONSerialization.jsonObject(with: both.stdout) as? [[String: Any]])
            #expect(list.compactMap { $0["id"] as? String } == ["apollo"])

            let none = try await AishProcess.run(["specialists", "--url", url, "qwen"])
            #expect(none.status == 1)
            #expect(none.output.isEmpty)
            #expect(none.errors.contains("no specialist or model matches “qwen”"), "\(none.errors)")
            let noneJSON = try await AishProcess.run(["specialists", "--url", url, "qwen", "--json"])
            #expect(noneJSON.status == 1)
            #expect(noneJSON.output == "[]\n")
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
