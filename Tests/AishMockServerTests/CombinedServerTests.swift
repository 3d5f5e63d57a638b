import AishKit
import Foundation
import Testing

@testable import AishMockServer

/// Tekton and an OpenAI-compatible provider behind one ``CombinedServer``: Tekton
/// is the in-memory twin (or a port where nothing listens), the provider the mock's
/// OpenAI API over a real socket.
@Suite(.timeLimit(.minutes(1))) struct CombinedServerTests {
    private static let tektonRoster = [Specialist(id: "apollo"), Specialist(id: "athena", capabilities: ["research"])]

    private func provider(_ base: String, models: [String]? = ["mock-coder", "mock-llama"]) throws -> ModelProvider {
        try ModelProvider(
            settings: ProviderSettings(
                name: "local", url: base + "/v1", models: models,
                capabilities: ["mock-coder": .init(primary: ["debugging"], scores: ["debugging": 0.8])],
                source: "test"),
            environment: [:])
    }

    private func text(_ stream: AsyncThrowingStream<ChatEvent, any Error>) async throws -> String {
        var text = ""
        for try await event in stream { if case .text(let piece, _) = event { text += piece } }
        return text
    }

    /// The reply of the mock's model `model` to `message`.
    private func expected(_ model: String, _ message: String) throws -> String {
        Reply(specialist: try #require(OpenAIMockModels.specialist(for: model)), message: message, maxTokens: nil).text
    }

    @Test func aModelIsReachedWithoutAskingTektonAndRequestsRouteByID() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let tekton = ScriptedServer(roster: Self.tektonRoster)
            let server = CombinedServer(tekton: tekton, providers: [try provider(base)])
            let chat = try await server.prepareChat(specialist: "local/mock-coder", forcedTransport: nil)
            #expect(chat.specialist.id == "local/mock-coder")
            #expect(chat.specialist.provider == "local")
            #expect(chat.transport.kind == .openAI)
            #expect(chat.url == base + "/v1")
            #expect(!chat.usesServerSessions)
            #expect(tekton.rosterReads == 0)
            #expect(try await text(chat.transport.stream(chat.request("hi"))) == (try expected("mock-coder", "hi")))

            // The same transport carries a Tekton specialist's request to Tekton (a team, a plan).
            let echoed = try await text(chat.transport.stream(ChatRequest(specialistID: "apollo", message: "yo")))
            #expect(tekton.requests.map(\.specialistID) == ["apollo"])
            #expect(echoed == ScriptedTransport.reply(to: "yo", from: "apollo"))
        }
    }

    @Test func bareNamesResolveInTheWholeRosterAndTyposGetSuggestions() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let server = CombinedServer(
                tekton: ScriptedServer(roster: Self.tektonRoster), providers: [try provider(base)])
            let roster = try await server.specialists()
            #expect(roster.map(\.id) == ["apollo", "athena", "local/mock-coder", "local/mock-llama"])
            let bare = try await server.prepareChat(specialist: "mock-llama", forcedTransport: nil)
            #expect(bare.specialist.id == "local/mock-llama")
            let tekton = try await server.prepareChat(specialist: "apollo", forcedTransport: nil)
            #expect(tekton.specialist.provider == nil)
            #expect(!tekton.transport.takesEarlierTurns(for: "apollo"))
            #expect(tekton.transport.takesEarlierTurns(for: "local/mock-llama"))
            await #expect(
                throws: AishError.unknownSpecialist(name: "local/mock-cder", suggestions: ["local/mock-coder"])
            ) {
                _ = try await server.prepareChat(specialist: "local/mock-cder", forcedTransport: nil)
            }
        }
    }

    /// A provider that lists its models with Ollama's tags: `mock-coder` (with the
    /// provider or bare) is `mock-coder:latest`, and that is what the server is asked for.
    @Test func aModelsNameWithoutItsTagIsTheLatestOne() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let server = CombinedServer(
                tekton: ScriptedServer(roster: Self.tektonRoster),
                providers: [try provider(base, models: ["mock-coder:latest", "mock-llama:7b"])])
            for name in ["local/mock-coder", "mock-coder"] {
                let chat = try await server.prepareChat(specialist: name, forcedTransport: nil)
                #expect(chat.specialist.id == "local/mock-coder:latest")
                #expect(try await text(chat.transport.stream(chat.request("hi"))) == (try expected("mock-coder", "hi")))
            }
            await #expect(
                throws: AishError.unknownSpecialist(name: "local/mock-llama", suggestions: ["local/mock-llama:7b"])
            ) {
                _ = try await server.prepareChat(specialist: "local/mock-llama", forcedTransport: nil)
            }
        }
    }

    @Test func withoutTektonTheModelsStillWorkAfterOneNotice() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let nowhere = try TektonClient(baseURL: "http://127.0.0.1:1")
            let notices = LockedBox<[String]>([])
            let server = CombinedServer(tekton: nowhere, providers: [try provider(base)]) { text in
                notices.withLock { $0.append(text) }
            }
            #expect(try await server.specialists().map(\.id) == ["local/mock-coder", "local/mock-llama"])
            _ = try await server.specialists()
            #expect(notices.withLock { $0.count } == 1)
            #expect(
                notices.withLock { $0.first?.contains("cannot reach the Tekton server at http://127.0.0.1:1") } == true)
            // A name only Tekton could know gets Tekton's own error, not "unknown specialist".
            await #expect {
                _ = try await server.prepareChat(specialist: "apollo", forcedTransport: nil)
            } throws: { error in
                if case AishError.serverUnreachable = error { true } else { false }
            }
            let chat = try await server.prepareChat(specialist: "mock-coder", forcedTransport: nil)
            #expect(
                try await text(chat.transport.stream(chat.request("still"))) == (try expected("mock-coder", "still")))
            let entries = try await server.discoveryEntries()
            #expect(entries.specialists.map(\.id) == ["local/mock-coder", "local/mock-llama"])

            // Someone who configured no Tekton server and uses only the models hears nothing of it.
            var quiet = CombinedServer(tekton: nowhere, providers: [try provider(base)]) { text in
                notices.withLock { $0.append(text) }
            }
            quiet.expectsTekton = false
            #expect(try await quiet.specialists().map(\.id) == ["local/mock-coder", "local/mock-llama"])
            _ = try await quiet.discoveryEntries()
            #expect(notices.withLock { $0.count } == 1)
        }
    }

    @Test func discoveryRanksModelsBesideSpecialistsAndTheServerRunsOnlyTektonsPlans() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let tekton = ScriptedServer(
                roster: Self.tektonRoster,
                offered: ServerCapabilities(
                    features: .init(enhancedDiscovery: true), apiVersions: ["v1", "v2"]),
                discovered: [DiscoveredSpecialist(id: "apollo", primary: ["debugging"], scores: ["debugging": 0.6])])
            let server = CombinedServer(tekton: tekton, providers: [try provider(base)])
            let discovery = DiscoveryService(client: server)
            let choice = try await discovery.best(capability: "debugging")
            #expect(choice.winner.id == "local/mock-coder")
            #expect(choice.runnersUp.map(\.id) == ["apollo"])
            #expect(try await server.bestMatches(capability: "debugging", threshold: 0) == nil)

            let plan = BulkPlan(operations: [BulkOperation(id: "a", ai: "local/mock-coder", message: "x")])
            await #expect {
                _ = try await server.runBulkOnServer(plan, source: "plan.json", retry: BulkRetryPolicy())
            } throws: { error in
                if case AishError.invalidArgument(name: "--server", value: "a", _) = error { true } else { false }
            }
        }
    }
}
