import AishKit
import Foundation
import Testing

@testable import AishMockServer

/// aish's WebSocket transport against the mock: the same text as v2 SSE, resume
/// after injected drops, many requests on one transport, cancellation, errors.
@Suite(.timeLimit(.minutes(1))) struct WebSocketTransportMockTests {
    static let quick = WebSocketTransport.Options(resumePolicy: ResumePolicy(maxAttempts: 5, initialDelay: .zero))

    private func collectText(_ stream: AsyncThrowingStream<ChatEvent, any Error>) async -> (
        String, [ChatEvent], (any Error)?
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

    private func expected(_ specialist: String, _ message: String, maxTokens: Int? = nil) throws -> String {
        Reply(specialist: try #require(Roster.specialist(specialist)), message: message, maxTokens: maxTokens).text
    }

    @Test func aReplyOverWebSocketEqualsTheMocksText() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            let (text, events, error) = await collectText(
                transport.stream(ChatRequest(specialistID: "apollo", message: "Explain it", maxTokens: 500)))
            #expect(error == nil)
            #expect(text == (try expected("apollo", "Explain it", maxTokens: 500)))
            guard case .started(let requestID?, .websocket)? = events.first else {
                Issue.record("expected .started with a request id")
                return
            }
            #expect(requestID.hasPrefix("req_"))
            #expect(events.last == .done(tokensUsed: 500, finishReason: "length"))
            let tokens = events.reduce(0) { if case .text(_, let tokens) = $1 { $0 + tokens } else { $0 } }
            #expect(tokens == 500)
            await transport.close()
        }
    }

    @Test(arguments: ["drop-after=3", "drop-after=40", "drop-after=40,error-at=20"])
    func resumeAfterAnInjectedDropGivesTheCleanText(faults: String) async throws {
        let configuration = fastConfiguration(tokensPerSecond: 3_000, faults: try FaultPlan(parsing: faults), grace: 0)
        try await withMockServer(configuration) { base in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            let (text, events, error) = await collectText(
                transport.stream(ChatRequest(specialistID: "metis", message: "plan it", maxTokens: 300)))
            #expect(error == nil, "\(String(describing: error))")
            #expect(text == (try expected("metis", "plan it", maxTokens: 300)))
            let codes = events.compactMap { if case .notice(let code, _) = $0 { code } else { nil } }
            // The server's error, if injected, and the token limit the reply stopped at.
            #expect(codes.filter { $0 != "length" }.count == (faults.contains("error-at") ? 1 : 0))
            #expect(codes.filter { $0 == "length" }.count == 1)
            await transport.close()
        }
    }

    @Test func aHundredConcurrentRepliesShareOneTransport() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            let texts = await withTaskGroup(of: (Int, String, Bool).self) { group in
                for index in 1...100 {
                    group.addTask {
                        let (text, _, error) = await collectText(
                            transport.stream(
                                ChatRequest(specialistID: "athena", message: "q\(index)", maxTokens: 10 + index))
                        )
                        return (index, text, error == nil)
                    }
                }
                var texts: [Int: (String, Bool)] = [:]
                for await (index, text, ok) in group { texts[index] = (text, ok) }
                return texts
            }
            for index in 1...100 {
                #expect(texts[index]?.1 == true)
                #expect(
                    texts[index]?.0 == (try expected("athena", "q\(index)", maxTokens: 10 + index)), "request \(index)")
            }
            let pong = try await transport.call("ping", specialistID: "athena")
            #expect(pong == .string("pong"))
            await transport.close()
        }
    }

    @Test func cancellingAReplyStopsTheServersGeneration() async throws {
        let state = MockServerState(configuration: fastConfiguration(tokensPerSecond: 200, grace: 0))
        try await withMockServer(state: state, logger: testLogger) { base in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            let reader = Task {
                for try await event in transport.stream(
                    ChatRequest(specialistID: "ergon", message: "go", maxTokens: 100_000))
                {
                    if case .text = event { return }
                }
            }
            try await reader.value
            // The socket stays open for the next request, so only `cancel` can stop the generation.
            await state.streams.waitUntilNoActiveGenerations()
            #expect(state.streams.activeGenerationCount == 0)
            let pong = try await transport.call("ping", specialistID: "ergon")
            #expect(pong == .string("pong"))
            await transport.close()
        }
    }

    @Test func errorsBecomeAishErrors() async throws {
        try await withMockServer(fastConfiguration(faults: FaultPlan(fatalErrorAt: 4))) { base in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: Self.quick)
            let (_, _, unavailable) = await collectText(
                transport.stream(ChatRequest(specialistID: "hermes", message: "hi")))
            guard case .specialistUnavailable("hermes", _)? = unavailable as? AishError else {
                Issue.record("expected specialistUnavailable, got \(String(describing: unavailable))")
                return
            }
            let (partial, _, failure) = await collectText(
                transport.stream(ChatRequest(specialistID: "apollo", message: "hi")))
            #expect(partial == (try expected("apollo", "hi", maxTokens: 3)))
            guard case .specialistFailed("apollo", "UPSTREAM_FAILED", _)? = failure as? AishError else {
                Issue.record("expected specialistFailed, got \(String(describing: failure))")
                return
            }
            await transport.close()
        }
    }

    @Test func withoutResumeADropKeepsThePartialText() async throws {
        try await withMockServer(fastConfiguration(faults: FaultPlan(dropAfterEvents: 6))) { base in
            let options = WebSocketTransport.Options(resumePolicy: .never)
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: options)
            let (text, _, error) = await collectText(
                transport.stream(ChatRequest(specialistID: "apollo", message: "hi", maxTokens: 50)))
            #expect(text == (try expected("apollo", "hi", maxTokens: 5)))
            guard case .streamInterrupted("apollo", _)? = error as? AishError else {
                Issue.record("expected streamInterrupted, got \(String(describing: error))")
                return
            }
            await transport.close()
        }
    }
}
