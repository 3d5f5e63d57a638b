import AishKit
import Foundation
import Testing

/// A v2 server scripted with discovery answers: capabilities, `ais` (metrics in a
/// separate `performance` object) and `best`.
enum ScriptedDiscoveryServer {
    static let capabilities = #"{"version":"2.0","features":{"enhanced_discovery":true},"api_versions":["v1","v2"]}"#
    static let ais = #"""
        {"ais":[
          {"id":"apollo","name":"Apollo","status":"active",
           "capabilities":{"primary":["debugging"],"scores":{"debugging":0.9,"testing":0.75}},
           "performance":{"avg_response_time":1.2,"success_rate":0.98}},
          {"id":"synthesis","name":"Synthesis","status":"active",
           "capabilities":{"primary":["execution"],"scores":{"debugging":0.78}},
           "performance":{"avg_response_time":1.5,"success_rate":0.96}},
          {"id":"terma","name":"Terma","status":"active",
           "capabilities":{"primary":["execution","debugging"],"scores":{"debugging":0.76}},
           "performance":{"avg_response_time":0.7,"success_rate":0.97}},
          {"id":"hermes","name":"Hermes","status":"inactive",
           "capabilities":{"primary":["monitoring"],"scores":{"debugging":0.95}}}
        ],"total":4,"timestamp":"2026-11-26T22:32:28Z"}
        """#
    static let best = #"""
        {"capability":"debugging","best_match":{"id":"apollo","score":0.9,"is_primary":true},
         "alternatives":[{"id":"synthesis","score":0.78,"is_primary":false},{"id":"terma","score":0.76,"is_primary":true}]}
        """#

    static let roster = #"""
        [{"id":"apollo","name":"Apollo","healthy":true},{"id":"synthesis","name":"Synthesis","healthy":true},
         {"id":"terma","name":"Terma","healthy":true},{"id":"hermes","name":"Hermes","healthy":false}]
        """#

    /// The `best` answer for debugging and testing; no candidates for anything else.
    static func bestAnswer(for uri: String) -> String {
        if uri.contains("capability=debugging") { return best }
        if uri.contains("capability=testing") {
            return #"{"capability":"testing","best_match":{"id":"apollo","score":0.75},"alternatives":[]}"#
        }
        return #"{"capability":"other","best_match":null,"alternatives":[]}"#
    }

    static func start() async throws -> RawHTTPTestServer {
        try await RawHTTPTestServer.start { request in
            switch request.path {
            case "/api/capabilities": [.send(RawHTTP.response(body: capabilities))]
            case "/api/v2/discovery/ais": [.send(RawHTTP.response(body: ais))]
            case "/api/v2/discovery/best": [.send(RawHTTP.response(body: bestAnswer(for: request.uri)))]
            case "/api/v1/ai/specialists": [.send(RawHTTP.response(body: roster))]
            default: [.send(RawHTTP.response(status: "404 Not Found", body: #"{"detail":"Not Found"}"#))]
            }
        }
    }
}

@Suite("Discovery service")
struct DiscoveryServiceTests {
    @Test func ranksV2DiscoveryWithTheFormula() async throws {
        try await withClient(of: try await ScriptedDiscoveryServer.start()) { client in
            let discovery = DiscoveryService(client: client)
            let listing = try await discovery.list(capability: "Debugging")
            #expect(listing.source == .discoveryV2)
            #expect(listing.capability == "debugging")
            // terma's speed and success outweigh synthesis's slightly higher score.
            #expect(listing.ranked.map(\.id) == ["apollo", "terma", "synthesis"])
            let all = try await discovery.list(capability: "debugging", includeInactive: true)
            #expect(all.ranked.last?.id == "hermes")
        }
    }

    @Test func bestUsesTheServersCandidatesInTheFormulasOrder() async throws {
        let server = try await ScriptedDiscoveryServer.start()
        try await withClient(of: server) { client in
            let choice = try await DiscoveryService(client: client).best(capability: "debugging")
            #expect(choice.serverChoseCandidates)
            #expect(choice.winner.id == "apollo")
            #expect(choice.runnersUp.map(\.id) == ["terma", "synthesis"])
            let asked = try #require(server.requests.last { $0.path == "/api/v2/discovery/best" })
            #expect(asked.uri.hasSuffix("?capability=debugging&threshold=0.0"))
        }
    }

    @Test func anUnknownCapabilitySuggestsCloseOnes() async throws {
        try await withClient(of: try await ScriptedDiscoveryServer.start()) { client in
            let discovery = DiscoveryService(client: client)
            let known = ["debugging", "execution", "monitoring", "testing"]
            await #expect(
                throws: AishError.unknownCapability(name: "debuging", suggestions: ["debugging"], known: known)
            ) {
                try await discovery.list(capability: "debuging")
            }
            do {
                _ = try await discovery.best(capability: "cooking")
                Issue.record("an unknown capability was accepted")
            } catch let error as AishError {
                #expect(error.exitCode == 67)
                #expect(error.description.contains("'cooking'"))
                #expect(error.description.contains("debugging, execution, monitoring, testing"))
            }
        }
    }

    @Test func cachedAnswersLastTheTTLAndRefreshBypassesThem() async throws {
        let server = try await ScriptedDiscoveryServer.start()
        try await withClient(of: server) { client in
            let clock = ManualClock()
            let cache = InMemoryDiscoveryCache()
            let discovery = DiscoveryService(client: client, cache: cache, ttl: 60, now: { clock.date })
            func asked() -> Int { server.requests.filter { $0.path == "/api/v2/discovery/ais" }.count }

            #expect(try await discovery.list(capability: nil).fromCache == false)
            #expect(asked() == 1)
            clock.advance(by: .seconds(59))
            #expect(try await discovery.list(capability: "debugging").fromCache)
            #expect(asked() == 1)
            #expect(try await discovery.list(capability: nil, refresh: true).fromCache == false)
            #expect(asked() == 2)
            clock.advance(by: .seconds(60))
            #expect(try await discovery.list(capability: nil).fromCache == false)
            #expect(asked() == 3)
            #expect(cache.saveCount == 3)
            // Another client for the same server (another spelling of it) shares the cache.
            let twin = DiscoveryService(
                client: try TektonClient(baseURL: server.baseURL + "/"), cache: cache, now: { clock.date })
            #expect(try await twin.list(capability: nil).fromCache)
        }
    }

    @Test func bestAnswersAreCachedWithTheCatalog() async throws {
        let server = try await ScriptedDiscoveryServer.start()
        try await withClient(of: server) { client in
            let clock = ManualClock()
            let discovery = DiscoveryService(client: client, now: { clock.date })
            func asked() -> Int { server.requests.filter { $0.path == "/api/v2/discovery/best" }.count }
            _ = try await discovery.best(capability: "debugging")
            let again = try await discovery.best(capability: "debugging")
            #expect(again.fromCache)
            #expect(asked() == 1)
            _ = try await discovery.best(capability: "debugging", minScore: 0.77)
            #expect(asked() == 2)
        }
    }

    @Test func theRouterPicksTheBestAndTellsWhich() async throws {
        try await withClient(of: try await ScriptedDiscoveryServer.start()) { client in
            let router = CapabilityRouter(client: client)
            let route = try await router.resolve("@debugging")
            #expect(route.specialistID == "apollo")
            #expect(route.runnersUp == ["terma", "synthesis"])
            #expect(route.notice == "→ apollo (debugging 0.90)")
            #expect(try await router.resolveMention("@terma") == .specialist("terma"))
            #expect(try await router.resolveMention("@testing").specialistID == "apollo")
            await #expect(throws: AishError.noSpecialistForCapability(capability: "monitoring", minScore: nil)) {
                try await router.resolve("@monitoring")
            }
            do {
                _ = try await router.resolveMention("@terna")
                Issue.record("@terna resolved")
            } catch let error as AishError {
                guard case .unknownCapability(_, let suggestions, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(suggestions.first == "terma")
            }
        }
    }

    /// `aish @debugging …`: the roster is read once, to learn that no specialist is
    /// named so and then to reach the winner; the capabilities once, for the discovery,
    /// and then remembered for the transport (as the command line does).
    @Test func aCapabilitysChatReadsTheRosterOnce() async throws {
        let server = try await ScriptedDiscoveryServer.start()
        try await withClient(of: server) { client in
            var client = client
            client.capabilitiesCache = InMemoryCapabilitiesCache()
            let (chat, route) = try await CapabilityRouter(client: client).prepareChat(
                "@debugging", forcedTransport: nil, oneMessage: true)
            #expect(chat.specialist.id == "apollo")
            #expect(route?.notice == "→ apollo (debugging 0.90)")
            let paths = server.requests.map(\.path)
            #expect(paths.filter { $0 == "/api/v1/ai/specialists" }.count == 1, "\(paths)")
            #expect(paths.filter { $0 == "/api/capabilities" }.count == 1, "\(paths)")
            let again = try await CapabilityRouter(client: client).prepareChat(
                "@debugging", forcedTransport: nil, oneMessage: true)
            #expect(again.chat.specialist.id == "apollo")
            let more = server.requests.dropFirst(paths.count).map(\.path)
            #expect(more == ["/api/v1/ai/specialists", "/api/v2/discovery/ais", "/api/v2/discovery/best"])

            let (named, noRoute) = try await CapabilityRouter(client: client).prepareChat(
                "@terma", forcedTransport: nil, oneMessage: true)
            #expect(named.specialist.id == "terma")
            #expect(noRoute == nil)
        }
    }
}
