import AishKit
import Foundation
import Testing

/// Discovery against the responses recorded from a real Tekton Rhetor (v1 only).
@Suite("Discovery v1 fallback")
struct DiscoveryV1FallbackTests {
    @Test func matchesTheRosterTagsWithoutScores() async throws {
        let server = try await FixtureReplayServer.start()
        try await withClient(of: server) { client in
            let discovery = DiscoveryService(client: client)
            let listing = try await discovery.list(capability: "team-chat", includeInactive: true)
            #expect(listing.source == .v1Tags)
            #expect(listing.capability == "team_chat")
            #expect(listing.ranked.map(\.id) == ["noesis-ci", "numa-ci"])
            #expect(
                listing.ranked.allSatisfy { $0.score == nil && $0.rank == nil && $0.specialist.status == "inactive" })
            // Both are unhealthy on the recording, so none is active.
            #expect(try await discovery.list(capability: "team_chat").ranked.isEmpty)
            // Every request went to v1 routes (and the capabilities probe).
            #expect(Set(server.requests.map(\.path)) == ["/api/capabilities", "/api/v1/ai/specialists"])
        }
    }

    @Test func listsEverySpecialistAndTheirTags() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client in
            let (catalog, _) = try await DiscoveryService(client: client).catalog()
            #expect(catalog.specialists.count == 18)
            #expect(catalog.capabilities.contains("llm_orchestration"))
            let active = try await DiscoveryService(client: client).list(capability: nil)
            #expect(active.ranked.map(\.id) == ["apollo-ci", "athena-ci"])
            // With no capability asked, each is shown with its category (Rhetor's only description of it).
            #expect(active.ranked.map(\.capability) == ["ai", "knowledge"])
            #expect(active.ranked.allSatisfy { $0.rank == nil })
        }
    }

    @Test func categoriesCountAsCapabilities() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client in
            let discovery = DiscoveryService(client: client)
            let planning = try await discovery.list(capability: "planning", includeInactive: true)
            #expect(planning.ranked.map(\.id) == ["metis-ci", "prometheus-ci", "telos-ci"])
            #expect(planning.ranked.allSatisfy { $0.isPrimary && $0.score == nil })
            let (catalog, _) = try await discovery.catalog()
            #expect(catalog.capabilities.contains("knowledge"))
        }
    }

    @Test func routingByRoleTakesRhetorsOwnPick() async throws {
        let server = try await FixtureReplayServer.start()
        try await withClient(of: server) { client in
            let discovery = DiscoveryService(client: client)
            let choice = try await discovery.best(capability: "knowledge")
            #expect(choice.winner.id == "athena-ci")
            #expect(choice.serverChoseCandidates)
            #expect(server.requests.map(\.path).contains("/api/v1/ai/find/knowledge"))
            // Asked once: the answer is kept with the catalog.
            _ = try await discovery.best(capability: "knowledge")
            #expect(server.requests.filter { $0.path == "/api/v1/ai/find/knowledge" }.count == 1)
        }
    }

    @Test func unknownTagsGetADidYouMean() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client in
            let discovery = DiscoveryService(client: client)
            await #expect(throws: AishError.self) { try await discovery.list(capability: "teamchat") }
            do {
                _ = try await discovery.list(capability: "ml-analyss")
                Issue.record("an unknown tag was accepted")
            } catch let error as AishError {
                #expect(
                    error.description == "no capability named 'ml-analyss' on this server. Did you mean: ml_analysis?")
                #expect(error.exitCode == 67)
            }
        }
    }

    @Test func routingNeedsAnActiveSpecialist() async throws {
        try await withClient(of: try await FixtureReplayServer.start()) { client in
            let router = CapabilityRouter(client: client)
            await #expect(throws: AishError.noSpecialistForCapability(capability: "team_chat", minScore: nil)) {
                try await router.resolve("@team_chat")
            }
            #expect(try await router.resolveMention("@apollo") == .specialist("apollo-ci"))
            let (chat, route) = try await router.prepareChat("@athena", forcedTransport: nil)
            #expect(chat.specialist.id == "athena-ci")
            #expect(route == nil)
        }
    }
}
