import Testing

@testable import AishMockServer

/// Issue 12 item 11: the mock kept every upgraded WebSocket connection's context (and
/// its channel) after the connection closed. Counted, not measured: the contexts still
/// in memory once the connections closed and the server stopped.
@Suite(.timeLimit(.minutes(1))) struct WebSocketMemoryTests {
    @Test func closedConnectionsLeaveNoContextBehind() async throws {
        let state = MockServerState(configuration: fastConfiguration())
        try await withMockServer(state: state, logger: testLogger) { base in
            for id in 1...20 {
                try await withSocket(webSocketURL(base)) { socket in
                    try await socket.send(rpc(id, "ping"))
                    #expect(await socket.receive() == #"{"jsonrpc":"2.0","id":\#(id),"result":"pong"}"#)
                    // While it is open, the connection's context is alive and counted.
                    #expect(state.webSocketSlots.alive >= 1)
                }
            }
        }
        #expect(state.webSocketSlots.alive == 0)
    }
}
