import AishKit
import Testing

@testable import AishMockServer

/// A test's hold on the mock's replies: the reply stops after so many tokens and goes
/// on when let go; a server stopped meanwhile still stops.
@Suite(.timeLimit(.minutes(1))) struct GenerationHoldTests {
    /// A mock's state whose replies stop after `count` tokens.
    private func held(afterTokens count: Int) -> (GenerationHold, MockServerState) {
        let hold = GenerationHold()
        hold.hold(afterTokens: count)
        var configuration = fastConfiguration()
        configuration.generationHold = hold
        return (hold, MockServerState(configuration: configuration))
    }

    @Test func aHeldReplyStopsAfterItsTokensAndGoesOnWhenReleased() async throws {
        let (hold, state) = held(afterTokens: 5)
        try await withMockServer(state: state, logger: testLogger) { base in
            let transport = V2SSETransport(client: try TektonClient(baseURL: base))
            var text = ""
            var tokens = 0
            var done = false
            for try await event in transport.stream(ChatRequest(specialistID: "apollo", message: "go", maxTokens: 40)) {
                switch event {
                case .text(let piece, let count):
                    text += piece
                    tokens += count
                    if tokens == 5 {
                        // Held: the generation cannot end before it is let go.
                        #expect(state.streams.activeGenerationCount == 1)
                        hold.release()
                    }
                case .done: done = true
                default: continue
                }
            }
            #expect(done)
            let apollo = try #require(Roster.specialist("apollo"))
            #expect(text == Reply(specialist: apollo, message: "go", maxTokens: 40).text)
        }
    }

    @Test func aServerStoppedWhileAReplyIsHeldStillStops() async throws {
        let (_, state) = held(afterTokens: 3)
        try await withMockServer(state: state, logger: testLogger) { base in
            let transport = V2SSETransport(client: try TektonClient(baseURL: base))
            var tokens = 0
            for try await event in transport.stream(ChatRequest(specialistID: "apollo", message: "go")) {
                if case .text(_, let count) = event { tokens += count }
                if tokens >= 3 { break }
            }
            #expect(state.streams.activeGenerationCount == 1)
        }
        // Reaching this line is the test: stopping the server cancelled the held generation.
        await state.streams.waitUntilNoActiveGenerations()
        #expect(state.streams.activeGenerationCount == 0)
    }
}
