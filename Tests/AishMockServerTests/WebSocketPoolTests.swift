import AishKit
import Foundation
import Testing

@testable import AishMockServer

/// One WebSocket pool per server: every transport a client makes shares it, so a
/// shell that switches specialist and back reuses the first socket.
@Suite(.timeLimit(.minutes(1))) struct WebSocketPoolTests {
    @Test func switchingSpecialistAndBackReusesTheSocket() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let client = try TektonClient(baseURL: base)
            let status = MemorySink()
            let context = Shell.Context(
                client: client,
                reader: ScriptedLineReader([
                    .line("one"), .line("/use athena"), .line("two"), .line("/use apollo"), .line("three"),
                ]),
                output: MemorySink(), status: status, interrupts: InterruptSignal(), forcedTransport: .websocket)
            var shell = try await Shell.start(context, specialist: "apollo")
            await shell.run()
            #expect(shell.conversation.turns.allSatisfy { $0.status == .complete }, "\(status.text)")
            let counts = WebSocketTransport(client: client).connectionCounts
            // apollo's socket served the first and the third message; athena's the second.
            #expect(counts.made == 2)
            #expect(counts.open == 2)
        }
    }

    @Test func aTransportWithOptionsOfItsOwnKeepsItsOwnSockets() async throws {
        try await withMockServer(fastConfiguration()) { base in
            let client = try TektonClient(baseURL: base)
            let own = WebSocketTransport(client: client, options: .init(pingInterval: .zero))
            for try await _ in own.stream(ChatRequest(specialistID: "apollo", message: "hi")) {}
            #expect(own.connectionCounts.made == 1)
            #expect(WebSocketTransport(client: client).connectionCounts.made == 0)
        }
    }
}
