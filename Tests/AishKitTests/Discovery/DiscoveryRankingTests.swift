import AishKit
import Foundation
import Testing

@Suite("Discovery ranking")
struct DiscoveryRankingTests {
    func entry(
        _ id: String, _ score: Double?, success: Double? = nil, time: Double? = nil, status: String = "active",
        primary: [String] = ["debugging"], capability: String = "debugging"
    ) -> DiscoveredSpecialist {
        DiscoveredSpecialist(
            id: id, status: status, primary: primary, scores: score.map { [capability: $0] } ?? [:],
            averageResponseTime: time, successRate: success)
    }

    @Test func theFormulaCombinesScoreSuccessAndSpeed() throws {
        let ranked = CapabilityRanking.rank(
            [entry("apollo", 0.9, success: 0.98, time: 1.2)], capability: "debugging")
        let rank = try #require(ranked.first?.rank)
        #expect(abs(rank - (0.7 * 0.9 + 0.2 * 0.98 + 0.1 / 2.2)) < 1e-12)
    }

    @Test func betterMetricsBeatASlightlyHigherScore() {
        let ranked = CapabilityRanking.rank(
            [entry("slow", 0.80, success: 0.70, time: 6), entry("steady", 0.78, success: 0.99, time: 0.5)],
            capability: "debugging")
        #expect(ranked.map(\.id) == ["steady", "slow"])
    }

    @Test func tiesGoToTheScoreThenPrimaryThenTheID() {
        // Equal ranks: 0.7 × 0.9 + 0.2 × 0.5 = 0.7 × 0.8 + 0.2 × 0.85 = 0.73 (same speed).
        let byScore = CapabilityRanking.rank(
            [entry("low", 0.8, success: 0.85, time: 1), entry("high", 0.9, success: 0.5, time: 1)],
            capability: "debugging")
        #expect(byScore.map(\.id) == ["high", "low"])
        #expect(byScore[0].rank.map { ($0 * 1e6).rounded() } == byScore[1].rank.map { ($0 * 1e6).rounded() })

        let byPrimary = CapabilityRanking.rank(
            [entry("aside", 0.9, success: 0.9, time: 1, primary: []), entry("built", 0.9, success: 0.9, time: 1)],
            capability: "debugging")
        #expect(byPrimary.map(\.id) == ["built", "aside"])

        let twins = [entry("zeta", 0.9, success: 0.9, time: 1), entry("alpha", 0.9, success: 0.9, time: 1)]
        #expect(CapabilityRanking.rank(twins, capability: "debugging").map(\.id) == ["alpha", "zeta"])
        #expect(CapabilityRanking.rank(twins.reversed(), capability: "debugging").map(\.id) == ["alpha", "zeta"])
    }

    @Test func aMissingMetricCountsAsTheMeanOfTheOthers() throws {
        let ranked = CapabilityRanking.rank(
            [
                entry("bad", 0.9, success: 0.5, time: 1), entry("unknown", 0.9, time: 1),
                entry("good", 0.9, success: 0.9, time: 1),
            ], capability: "debugging")
        #expect(ranked.map(\.id) == ["good", "unknown", "bad"])
        let unknown = try #require(ranked.first { $0.id == "unknown" }?.rank)
        #expect(abs(unknown - (0.7 * 0.9 + 0.2 * 0.7 + 0.1 * 0.5)) < 1e-12)
    }

    @Test func aMetricNobodyReportsIsLeftOutAndTheWeightsRescaled() throws {
        let ranked = CapabilityRanking.rank([entry("apollo", 0.8, success: 1.0)], capability: "debugging")
        let rank = try #require(ranked.first?.rank)
        #expect(abs(rank - (0.7 * 0.8 + 0.2 * 1.0) / 0.9) < 1e-12)
    }

    @Test func tagMatchesHaveNoRankAndGoByID() {
        let tags = ["team_chat"]
        let ranked = CapabilityRanking.rank(
            [
                entry("numa-ci", nil, primary: tags), entry("athena-ci", nil, primary: []),
                entry("noesis-ci", nil, primary: tags),
            ], capability: "team_chat")
        #expect(ranked.map(\.id) == ["noesis-ci", "numa-ci"])
        #expect(ranked.allSatisfy { $0.rank == nil && $0.score == nil && $0.isPrimary })
    }

    @Test func filtersByStatusAndScore() {
        let specialists = [
            entry("apollo", 0.9, success: 0.9), entry("hermes", 0.95, success: 0.9, status: "inactive"),
            entry("terma", 0.6, success: 0.9),
        ]
        #expect(CapabilityRanking.rank(specialists, capability: "debugging").map(\.id) == ["apollo", "terma"])
        #expect(
            CapabilityRanking.rank(specialists, capability: "debugging", includeInactive: true).map(\.id)
                == ["apollo", "terma", "hermes"])
        #expect(
            CapabilityRanking.rank(specialists, capability: "debugging", minScore: 0.7).map(\.id) == ["apollo"])
        #expect(CapabilityRanking.rank(specialists, capability: "planning").isEmpty)
    }

    @Test func withoutACapabilityEachIsRankedByItsStrongest() throws {
        let apollo = DiscoveredSpecialist(
            id: "apollo", primary: ["debugging"], scores: ["debugging": 0.9, "testing": 0.9, "planning": 0.7])
        let metis = DiscoveredSpecialist(id: "metis", scores: ["planning": 0.95, "workflow": 0.95])
        let ranked = CapabilityRanking.rank([apollo, metis], capability: nil)
        #expect(ranked.map(\.id) == ["metis", "apollo"])
        // Equal scores: the primary capability, else the first name.
        #expect(ranked.map(\.capability) == ["planning", "debugging"])
    }

    @Test func readsMetricsInlineOrInAPerformanceObject() throws {
        let inline = #"""
            {"id":"apollo","name":"Apollo","status":"active","model":"m",
             "capabilities":{"primary":["debugging"],"scores":{"debugging":0.9},
                             "context_window":100000,"avg_response_time":1.2,"success_rate":0.98}}
            """#
        let separate = #"""
            {"id":"apollo","name":"Apollo","status":"active","model":"m",
             "capabilities":{"primary":["debugging"],"scores":{"debugging":0.9}},
             "performance":{"context_window":100000,"avg_response_time":1.2,"success_rate":0.98}}
            """#
        let expected = DiscoveredSpecialist(
            id: "apollo", name: "Apollo", model: "m", primary: ["debugging"], scores: ["debugging": 0.9],
            contextWindow: 100_000, averageResponseTime: 1.2, successRate: 0.98)
        for text in [inline, separate] {
            #expect(try JSONDecoder().decode(DiscoveredSpecialist.self, from: Data(text.utf8)) == expected)
        }
        let sparse = try JSONDecoder().decode(DiscoveredSpecialist.self, from: Data(#"{"id":"x"}"#.utf8))
        #expect(sparse == DiscoveredSpecialist(id: "x"))
        // The flat form aish caches reads back the same.
        let flat = try JSONEncoder().encode(expected)
        #expect(try JSONDecoder().decode(DiscoveredSpecialist.self, from: flat) == expected)
    }

    @Test func capabilityNamesIgnoreCaseAndUnderscores() {
        let catalog = DiscoveryCatalog(
            server: "http://x", fetchedAt: Date(), source: .v1Tags,
            specialists: [DiscoveredSpecialist(id: "numa-ci", primary: ["team_chat", "Team_Chat"])])
        #expect(catalog.capabilities == ["Team_Chat"])
        #expect(catalog.capability(named: "team-chat") == "Team_Chat")
        #expect(catalog.capability(named: "team") == nil)
    }

    @Test func formatsFigures() {
        #expect(DiscoveryFormat.score(0.9) == "0.90")
        #expect(DiscoveryFormat.score(0.956) == "0.96")
        #expect(DiscoveryFormat.rank(0.8714545) == "0.871")
        #expect(DiscoveryFormat.rank(0.05) == "0.050")
    }
}
