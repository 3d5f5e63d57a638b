import AishKit
import Foundation
import Testing

@testable import AishMockServer

/// A reasoning model behind a Tekton specialist writes its thinking into the reply's
/// text, `<think>…</think>` first, as it does behind a provider's server without a
/// reasoning parser: every Tekton transport gives it as `.reasoning` and the answer
/// alone as text, however the server cuts the text (Rhetor's simulated streaming cuts
/// it every 50 characters, the tags too).
@Suite(.timeLimit(.minutes(1))) struct InlineThinkingTransportTests {
    private static let message = "[think-inline] why is the sky blue"

    private struct Collected {
        var text = ""
        var reasoning = ""
        var error: (any Error)?
        var done = false
    }

    private func collect(_ stream: AsyncThrowingStream<ChatEvent, any Error>) async -> Collected {
        var collected = Collected()
        do {
            for try await event in stream {
                switch event {
                case .text(let piece, _): collected.text += piece
                case .reasoning(let piece): collected.reasoning += piece
                case .done: collected.done = true
                case .started, .notice: continue
                }
            }
        } catch {
            collected.error = error
        }
        return collected
    }

    private static let transports: [(String, @Sendable (TektonClient) -> any ChatTransport)] = [
        ("v1 POST", { V1PostTransport(client: $0) }),
        ("v1 SSE", { V1StreamTransport(client: $0) }),
        ("v2 SSE", { V2SSETransport(client: $0) }),
        ("WebSocket", { WebSocketTransport(client: $0) }),
    ]

    private func thinking(of id: String, rhetor: Bool = false) throws -> String {
        let specialist = try #require(rhetor ? RhetorRoster.specialist(id) : Roster.specialist(id))
        return ReplyComposer.thinking(of: specialist, about: Self.message).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    @Test(arguments: 0..<4)
    func everyTektonTransportTellsTheThinkingFromTheAnswer(transport index: Int) async throws {
        let (name, make) = Self.transports[index]
        let apollo = try #require(Roster.specialist("apollo"))
        let reply = Reply(specialist: apollo, message: Self.message, maxTokens: nil)
        #expect(reply.text.hasPrefix("<think>\n"), "the mock writes the thinking into the text")
        try await withMockServer(fastConfiguration()) { base in
            let transport = make(try TektonClient(baseURL: base))
            let got = await collect(transport.stream(ChatRequest(specialistID: "apollo", message: Self.message)))
            #expect(got.error == nil, "\(name)")
            #expect(got.done, "\(name)")
            #expect(got.reasoning == (try thinking(of: "apollo")), "\(name)")
            #expect(got.text == reply.answer, "\(name)")

            // A reply without it passes through byte for byte.
            let plain = await collect(transport.stream(ChatRequest(specialistID: "apollo", message: "<think> no")))
            #expect(plain.reasoning.isEmpty, "\(name)")
            #expect(plain.text == Reply(specialist: apollo, message: "<think> no", maxTokens: nil).text, "\(name)")
        }
    }

    /// Rhetor's own routes: the whole reply over POST, and its simulated stream in
    /// 50-character chunks that cut the tags.
    @Test(arguments: [false, true])
    func rhetorsRoutesToo(streams: Bool) async throws {
        try await withMockServer(rhetorConfiguration()) { base in
            let client = try TektonClient(baseURL: base)
            let transport: any ChatTransport =
                streams ? V1StreamTransport(client: client) : V1PostTransport(client: client)
            let got = await collect(transport.stream(ChatRequest(specialistID: "apollo-ci", message: Self.message)))
            #expect(got.error == nil)
            #expect(got.reasoning == (try thinking(of: "apollo-ci", rhetor: true)))
            #expect(got.text.hasPrefix("## Apollo on"), "\(got.text)")
            #expect(!got.text.contains("think>"))
        }
    }

    /// A reply that fails while the model still thinks gives what came of the
    /// thinking as thinking (nothing held back is lost), and no text.
    @Test(arguments: [2, 3])
    func aReplyThatFailsWhileThinkingKeepsTheThinkingSoFar(transport index: Int) async throws {
        let (name, make) = Self.transports[index]
        try await withMockServer(fastConfiguration(faults: FaultPlan(fatalErrorAt: 6))) { base in
            let transport = make(try TektonClient(baseURL: base))
            let got = await collect(transport.stream(ChatRequest(specialistID: "apollo", message: Self.message)))
            #expect(got.error != nil, "\(name)")
            #expect(got.text.isEmpty, "\(name): \(got.text)")
            let thought = try thinking(of: "apollo")
            #expect(!got.reasoning.isEmpty && thought.hasPrefix(got.reasoning), "\(name): \(got.reasoning)")
        }
    }
}
