import AishKit
import Foundation
import Testing

@testable import AishMockServer

/// aish's OpenAI transport, model list and probe against the mock's OpenAI API
/// over a real socket: the same text as the specialists give, and every error.
@Suite(.timeLimit(.minutes(1))) struct OpenAITransportTests {
    static let key = "sk-mock-SECRET-7f3a"

    private func endpoint(_ base: String, path: String = "/v1", key: String? = nil, retries: Int = 0) throws
        -> OpenAIEndpoint
    {
        var endpoint = try OpenAIEndpoint(name: "local", baseURL: base + path, apiKey: key)
        endpoint.rateLimitPolicy = RateLimitPolicy(maxRetries: retries)
        return endpoint
    }

    private func collect(_ stream: AsyncThrowingStream<ChatEvent, any Error>) async -> (
        text: String, events: [ChatEvent], error: (any Error)?
    ) {
        var events: [ChatEvent] = []
        do {
            for try await event in stream { events.append(event) }
        } catch {
            return (text(of: events), events, error)
        }
        return (text(of: events), events, nil)
    }

    private func text(of events: [ChatEvent]) -> String {
        events.compactMap { if case .text(let text, _) = $0 { text } else { nil } }.joined()
    }

    /// The reply of the mock's model `model` to `message`.
    private func expected(_ model: String, _ message: String, maxTokens: Int? = nil) throws -> String {
        Reply(specialist: try #require(OpenAIMockModels.specialist(for: model)), message: message, maxTokens: maxTokens)
            .answer
    }

    private func withMock(
        tokens: [String] = [], faults: FaultPlan = .none, _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        var configuration = fastConfiguration(faults: faults)
        configuration.tokens = tokens
        try await withMockServer(configuration, body)
    }

    @Test(arguments: [true, false])
    func aReplyEqualsTheSpecialistsText(streams: Bool) async throws {
        try await withMock { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base), streams: streams)
            let (text, events, error) = await collect(
                transport.stream(ChatRequest(specialistID: "local/mock-coder", message: "Explain it")))
            #expect(error == nil)
            #expect(text == (try expected("mock-coder", "Explain it")))
            guard case .started(let id?, OpenAIChatTransport.reportedKind)? = events.first else {
                Issue.record("expected .started with the completion's id, got \(String(describing: events.first))")
                return
            }
            #expect(id.hasPrefix("chatcmpl-"))
            let reply = Reply(
                specialist: try #require(OpenAIMockModels.specialist(for: "mock-coder")), message: "Explain it",
                maxTokens: nil)
            #expect(events.last == .done(tokensUsed: Array(reply.tokens()).count, finishReason: "stop"))
        }
    }

    /// Thinking the server writes inline, `<think>…</think>` first, comes out as
    /// `.reasoning` and never as text, streamed or whole; a stream cut inside the
    /// thinking gives what came of it as thinking, and no text.
    @Test(arguments: [true, false])
    func inlineThinkingIsReasoningNotText(streams: Bool) async throws {
        let message = "[think-inline] why"
        let specialist = try #require(OpenAIMockModels.specialist(for: "mock-coder"))
        let thinking = ReplyComposer.thinking(of: specialist, about: message)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        @Sendable func reasoning(_ events: [ChatEvent]) -> String {
            events.compactMap { if case .reasoning(let text) = $0 { text } else { nil } }.joined()
        }
        try await withMock { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base), streams: streams)
            let (text, events, error) = await collect(
                transport.stream(ChatRequest(specialistID: "local/mock-coder", message: message)))
            #expect(error == nil)
            #expect(reasoning(events) == thinking)
            #expect(text == (try expected("mock-coder", message)))
        }
        guard streams else { return }
        try await withMock(faults: FaultPlan(dropAfterEvents: 6)) { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base), streams: true)
            let (text, events, error) = await collect(
                transport.stream(ChatRequest(specialistID: "local/mock-coder", message: message)))
            #expect(error != nil)
            #expect(text.isEmpty)
            let shown = reasoning(events)
            #expect(!shown.isEmpty && thinking.hasPrefix(shown), "\(shown)")
        }
    }

    @Test(arguments: [true, false])
    func aReplyCutAtMaxTokensIsReportedAsCutOff(streams: Bool) async throws {
        try await withMock { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base), streams: streams)
            let (text, events, error) = await collect(
                transport.stream(ChatRequest(specialistID: "mock-llama", message: "plan", maxTokens: 300)))
            #expect(error == nil)
            #expect(text == (try expected("mock-llama", "plan", maxTokens: 300)))
            #expect(events.last == .done(tokensUsed: 300, finishReason: "length"))
            let notices = events.compactMap { if case .notice(let code, _) = $0 { code } else { nil } }
            #expect(notices == ["length"])
        }
    }

    @Test func systemAndHistoryGoAheadOfTheMessage() async throws {
        try await withMock { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base), system: "Be brief.")
            let request = ChatRequest(
                specialistID: "local/mock-llama", message: "now this",
                earlierTurns: [.init(role: .user, content: "earlier"), .init(role: .assistant, content: "answer")])
            let (text, _, error) = await collect(transport.stream(request))
            #expect(error == nil)
            #expect(text == (try expected("mock-llama", "(system: Be brief.; 2 earlier messages) now this")))
        }
    }

    @Test func aRequestsOwnTurnsAndSystemMessageWin() async throws {
        try await withMock { base in
            var transport = OpenAIChatTransport(endpoint: try endpoint(base), system: "Be brief.")
            transport.systemPrompts = ["mock-llama": "You plan."]
            let plain = await collect(transport.stream(ChatRequest(specialistID: "local/mock-llama", message: "go")))
            #expect(plain.0 == (try expected("mock-llama", "(system: You plan.) go")))
            let request = ChatRequest(
                specialistID: "local/mock-llama", message: "go",
                earlierTurns: [.init(role: .user, content: "a"), .init(role: .assistant, content: "b")],
                system: "Be kind.")
            #expect(transport.takesEarlierTurns(for: "local/mock-llama"))
            let (text, _, error) = await collect(transport.stream(request))
            #expect(error == nil)
            #expect(text == (try expected("mock-llama", "(system: Be kind.; 2 earlier messages) go")))
        }
    }

    @Test func theModelsAreListedAndTheProbeTellsServersApart() async throws {
        try await withMock { base in
            let openAI = try endpoint(base)
            #expect(try await openAI.models() == ["mock-llama", "mock-coder"])
            let probe = await openAI.probe()
            #expect(probe == .compatible(models: ["mock-llama", "mock-coder"]))
            #expect(
                probe.suggestedConfiguration(url: base + "/v1")?.contains(#"models: ["mock-llama", "mock-coder"]"#)
                    == true)
            let root = try endpoint(base, path: "")
            let tekton = await root.probe()
            guard case .notCompatible(let detail) = tekton else {
                Issue.record("a Tekton root is not an OpenAI API: \(tekton)")
                return
            }
            #expect(detail.contains("404"))
            #expect(tekton.suggestedConfiguration(url: base) == nil)
            let (found, foundProbe) = await OpenAIProbe.find(at: base)
            #expect(found == base + "/v1")
            #expect(foundProbe.isCompatible)
            let (given, _) = await OpenAIProbe.find(at: base + "/v1/")
            #expect(given == base + "/v1")
        }
        try await withMock(tokens: [Self.key]) { base in
            let withoutKey = try endpoint(base)
            let withKey = try endpoint(base, key: Self.key)
            #expect(await withoutKey.probe() == .needsKey(hasKey: false))
            #expect(await withKey.probe().isCompatible)
        }
    }

    @Test func aURLThatIsNoOpenAIAPIStaysAsGiven() async throws {
        try await withMock { base in
            let (found, probe) = await OpenAIProbe.find(at: base + "/api")
            #expect(found == base + "/api")
            #expect(!probe.isCompatible)
            let (bad, badProbe) = await OpenAIProbe.find(at: "ftp://x")
            #expect(bad == "ftp://x")
            #expect(badProbe == .notCompatible(detail: "not an http:// or https:// URL"))
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        try await withRefusingPort { port in
            let closed = try endpoint("http://127.0.0.1:\(port)")
            guard case .unreachable(let reason) = await closed.probe() else {
                Issue.record("expected unreachable")
                return
            }
            #expect(!reason.isEmpty)
        }
    }

    // MARK: Errors

    private func failure(
        _ request: ChatRequest, base: String, path: String = "/v1", key: String? = nil, streams: Bool = true
    ) async throws -> AishError? {
        let transport = OpenAIChatTransport(endpoint: try endpoint(base, path: path, key: key), streams: streams)
        let (_, _, error) = await collect(transport.stream(request))
        return error as? AishError
    }

    @Test func badRequestIs400() async throws {
        try await withMock { base in
            let error = try await failure(
                ChatRequest(specialistID: "local/mock-coder", message: "x", temperature: 3), base: base)
            guard case .unexpectedStatus(_, 400, let detail)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(detail.contains("temperature must be from 0 to 2"))
        }
    }

    /// A server that refuses `stream_options` (400 naming it, as Azure's API does) is
    /// asked again without it; the reply then has no usage chunk. One that refuses
    /// `max_tokens` too (as OpenAI's reasoning models do) gets `max_completion_tokens`.
    @Test func aServerThatRefusesTheUsageOptionIsAskedWithoutIt() async throws {
        try await withMock(faults: FaultPlan(refusesStreamOptions: true)) { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base))
            for message in ["first", "second"] {
                let (text, events, error) = await collect(
                    transport.stream(ChatRequest(specialistID: "local/mock-coder", message: message)))
                #expect(error == nil)
                #expect(text == (try expected("mock-coder", message)))
                #expect(events.last == .done(tokensUsed: nil, finishReason: "stop"))
            }
        }
        try await withMock(faults: FaultPlan(refusesStreamOptions: true, refusesMaxTokens: true)) { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base))
            let (text, events, error) = await collect(
                transport.stream(ChatRequest(specialistID: "local/mock-coder", message: "hi", maxTokens: 7)))
            #expect(error == nil)
            #expect(text == (try expected("mock-coder", "hi", maxTokens: 7)))
            #expect(events.last == .done(tokensUsed: nil, finishReason: "length"))
        }
    }

    @Test func aMissingOrWrongKeyIs401AndTheKeyIsNeverShown() async throws {
        try await withMock(tokens: ["sk-other"]) { base in
            let missing = try await failure(ChatRequest(specialistID: "mock-coder", message: "x"), base: base)
            #expect(missing == .apiKeyRefused(provider: "local", url: base + "/v1", hasKey: false))
            let wrong = try await failure(
                ChatRequest(specialistID: "mock-coder", message: "x"), base: base, key: Self.key)
            #expect(wrong == .apiKeyRefused(provider: "local", url: base + "/v1", hasKey: true))
            #expect(!String(describing: wrong).contains(Self.key))
        }
    }

    @Test(arguments: [
        ("unavailable", true), ("fatal-at=1", true), ("fatal-at=1", false), ("rate-limited=5", true),
        ("drop-after=3", true), ("fatal-at=3", true),
    ])
    func noErrorDescriptionCarriesTheKey(fault: String, streams: Bool) async throws {
        try await withMock(tokens: [Self.key], faults: try FaultPlan(parsing: fault)) { base in
            for model in ["mock-coder", "mock-nope"] {
                let error = try await failure(
                    ChatRequest(specialistID: model, message: "x"), base: base, key: Self.key, streams: streams)
                let shown = try #require(error)
                #expect(!String(describing: shown).contains(Self.key))
            }
        }
    }

    @Test func anUnknownModelIs404NamingTheModel() async throws {
        try await withMock { base in
            let error = try await failure(ChatRequest(specialistID: "local/mock-nope", message: "x"), base: base)
            guard case .unexpectedStatus(_, 404, let detail)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(detail.contains("The model 'local/mock-nope' is not on this server"))
        }
    }

    @Test func aWrongBaseURLIs404SayingSo() async throws {
        try await withMock { base in
            let error = try await failure(ChatRequest(specialistID: "mock-coder", message: "x"), base: base, path: "")
            guard case .unexpectedStatus(_, 404, let detail)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(detail.contains("check the provider's url"))
        }
    }

    @Test func tooManyRequestsIs429WithRetryAfter() async throws {
        try await withMock(faults: FaultPlan(rateLimitedRequests: 1)) { base in
            let error = try await failure(ChatRequest(specialistID: "mock-coder", message: "x"), base: base)
            #expect(error == .rateLimited(url: base + "/v1", retryAfter: 1, attempts: 1))
        }
    }

    @Test func waitingOutRateLimitsRetriesAfterRetryAfter() async throws {
        try await withMock(faults: FaultPlan(rateLimitedRequests: 1)) { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base, retries: 2)).waitingOutRateLimits()
            let (text, events, error) = await collect(
                transport.stream(ChatRequest(specialistID: "mock-coder", message: "again")))
            #expect(error == nil)
            #expect(text == (try expected("mock-coder", "again")))
            #expect(
                events.first
                    == .notice(
                        code: "RATE_LIMITED", message: "too many requests; aish tries again in 1 s (retry 1 of 2)"))
        }
    }

    @Test(arguments: [true, false])
    func aServerFailureIs500(streams: Bool) async throws {
        try await withMock(faults: FaultPlan(fatalErrorAt: 1)) { base in
            let error = try await failure(
                ChatRequest(specialistID: "mock-coder", message: "x"), base: base, streams: streams)
            guard case .unexpectedStatus(_, 500, let detail)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(detail.contains("The model failed while generating the reply [upstream_failed]"))
        }
    }

    @Test func anOverloadedModelIs503Unavailable() async throws {
        try await withMock(faults: FaultPlan(unavailable: true)) { base in
            let error = try await failure(ChatRequest(specialistID: "local/mock-coder", message: "x"), base: base)
            guard case .specialistUnavailable(let id, let detail)? = error else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(id == "local/mock-coder")
            #expect(detail.contains("overloaded"))
        }
    }

    @Test func anErrorMidStreamFailsAfterTheTextSoFar() async throws {
        try await withMock(faults: FaultPlan(fatalErrorAt: 6)) { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base))
            let (text, _, error) = await collect(
                transport.stream(ChatRequest(specialistID: "mock-coder", message: "x")))
            #expect(
                error as? AishError
                    == .specialistFailed(
                        id: "mock-coder", code: "upstream_failed",
                        message: "The model failed while generating the reply."))
            let reply = Reply(
                specialist: try #require(OpenAIMockModels.specialist(for: "mock-coder")), message: "x", maxTokens: nil)
            #expect(text == reply.tokens().prefix(5).joined())
        }
    }

    @Test func aStreamCutBeforeDoneIsInterrupted() async throws {
        try await withMock(faults: FaultPlan(dropAfterEvents: 4)) { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base))
            let (_, _, error) = await collect(transport.stream(ChatRequest(specialistID: "mock-coder", message: "x")))
            guard case .streamInterrupted(let id, _)? = error as? AishError else {
                Issue.record("got \(String(describing: error))")
                return
            }
            #expect(id == "mock-coder")
        }
    }

    /// Cancelling the reader while the server is silent (the first token two minutes
    /// away) ends the reply at once, with nothing more read: the request is cancelled
    /// with it. Otherwise the suite's one-minute limit fails the test.
    @Test func cancellingTheReaderWhileTheServerIsSilentEndsTheReply() async throws {
        try await withMock(faults: FaultPlan(firstTokenDelay: 120)) { base in
            let transport = OpenAIChatTransport(endpoint: try endpoint(base))
            let (started, start) = AsyncStream<Void>.makeStream()
            let reading = Task {
                var events: [ChatEvent] = []
                do {
                    for try await event in transport.stream(ChatRequest(specialistID: "mock-coder", message: "x")) {
                        events.append(event)
                        if case .started = event { start.yield() }
                    }
                } catch {
                    return (events, error as (any Error)?)
                }
                return (events, nil)
            }
            for await _ in started { break }
            reading.cancel()
            let (events, error) = await reading.value
            #expect(events.count == 1)
            #expect(error == nil || error is CancellationError)
        }
    }

    @Test func anEmptyMessageIsRefusedBeforeSending() async throws {
        let transport = OpenAIChatTransport(endpoint: try OpenAIEndpoint(name: "x", baseURL: "http://127.0.0.1:9/v1"))
        let (_, _, error) = await collect(transport.stream(ChatRequest(specialistID: "m", message: " \n")))
        #expect(error as? AishError == .emptyMessage)
    }
}
