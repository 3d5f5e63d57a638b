import AishKit
import Testing

@Suite("TransportSelector")
struct TransportSelectorTests {
    static let full = ServerCapabilities(
        version: "2.0",
        features: .init(
            streaming: true, sessions: true, bulkOperations: true, websocket: true, enhancedDiscovery: true),
        apiVersions: ["v1", "v2"]
    )
    static let implemented: Set<TransportKind> = [.sse, .v1Stream, .v1Post]

    @Test func prefersV2StreamingWhenWebSocketIsNotImplemented() throws {
        let choice = try TransportSelector.select(for: Self.full, forced: nil, implemented: Self.implemented)
        #expect(choice == .init(kind: .sse, reason: "server offers v2 streaming"))
    }

    @Test func thisBuildImplementsEveryTektonTransport() {
        // OpenAI's chat completions reach a provider's models, never Tekton.
        #expect(TektonClient.implementedTransports == Set(TransportKind.allCases).subtracting([.openAI]))
        #expect(TransportKind(commandLineValue: "openai") == nil)
    }

    @Test func prefersWebSocketOnceImplemented() throws {
        let choice = try TransportSelector.select(for: Self.full, forced: nil, implemented: Set(TransportKind.allCases))
        #expect(choice == .init(kind: .websocket, reason: "server offers WebSocket"))
    }

    /// One message with no connection to reuse goes by v2 SSE, which needs no
    /// upgrade; forced WebSocket stays WebSocket, and a server without v2 streaming
    /// keeps its WebSocket.
    @Test func oneMessagePrefersV2StreamingToWebSocket() throws {
        let all = Set(TransportKind.allCases)
        let one = try TransportSelector.select(for: Self.full, forced: nil, implemented: all, oneMessage: true)
        #expect(one == .init(kind: .sse, reason: TransportSelector.oneMessageReason))
        let forced = try TransportSelector.select(
            for: Self.full, forced: .websocket, implemented: all, oneMessage: true)
        #expect(forced.kind == .websocket)
        var socketOnly = Self.full
        socketOnly.features.streaming = false
        let noSSE = try TransportSelector.select(for: socketOnly, forced: nil, implemented: all, oneMessage: true)
        #expect(noSSE.kind == .websocket)
    }

    @Test func unusableTransportsAreSkippedWithTheReasonAndRefusedWhenForced() throws {
        let all = Set(TransportKind.allCases)
        let why = "wss needs a host name, not the IP address 10.0.0.1"
        let choice = try TransportSelector.select(
            for: Self.full, forced: nil, implemented: all, unusable: [.websocket: why])
        #expect(choice == .init(kind: .sse, reason: "server offers v2 streaming; WebSocket skipped: \(why)"))
        #expect(throws: AishError.transportUnavailable(.websocket, reason: why)) {
            try TransportSelector.select(
                for: Self.full, forced: .websocket, implemented: all, unusable: [.websocket: why])
        }
    }

    @Test func onlyAnIPAddressOverHTTPSMakesTheWebSocketUnusable() throws {
        #expect(try TektonClient(baseURL: "https://10.0.0.1:8003").unusableTransports[.websocket] != nil)
        #expect(try TektonClient(baseURL: "https://[::1]:8003").unusableTransports[.websocket] != nil)
        #expect(try TektonClient(baseURL: "https://tekton.example:8003").unusableTransports.isEmpty)
        #expect(try TektonClient(baseURL: "http://127.0.0.1:8003").unusableTransports.isEmpty)
    }

    @Test func v1OnlyServers() throws {
        let choice = try TransportSelector.select(for: .v1Only, forced: nil, implemented: Self.implemented)
        #expect(
            choice
                == .init(
                    kind: .v1Post, reason: "v1 server: its stream waits for the whole reply, so one POST is faster"))
        let forced = try TransportSelector.select(for: .v1Only, forced: .v1Stream, implemented: Self.implemented)
        #expect(forced.kind == .v1Stream)
        #expect(forced.reason.hasPrefix("forced by --transport; the message goes in the URL"))
        #expect(forced.reason.hasSuffix("6 KiB encoded goes by v1 POST"))
    }

    @Test func v2ServerWithoutStreaming() throws {
        let capabilities = ServerCapabilities(version: "2.0", apiVersions: ["v1", "v2"])
        let choice = try TransportSelector.select(for: capabilities, forced: nil, implemented: Self.implemented)
        #expect(choice == .init(kind: .v1Stream, reason: "server does not offer v2 streaming"))
    }

    @Test func forcedTransports() throws {
        let forced = try TransportSelector.select(for: .v1Only, forced: .v1Post, implemented: Self.implemented)
        #expect(forced == .init(kind: .v1Post, reason: "forced by --transport"))
        #expect(
            try TransportSelector.select(for: Self.full, forced: .v1Stream, implemented: Self.implemented).kind
                == .v1Stream)
        #expect(throws: AishError.transportUnavailable(.sse, reason: "the server is v1-only (no /api/capabilities)")) {
            try TransportSelector.select(for: .v1Only, forced: .sse, implemented: Self.implemented)
        }
        #expect(
            throws: AishError.transportUnavailable(.websocket, reason: "this version of aish does not implement it yet")
        ) {
            try TransportSelector.select(for: Self.full, forced: .websocket, implemented: Self.implemented)
        }
    }

    @Test func nothingUsable() {
        let v2Only = ServerCapabilities(version: "2.0", apiVersions: ["v2"])
        #expect(throws: AishError.self) {
            try TransportSelector.select(for: v2Only, forced: nil, implemented: Self.implemented)
        }
    }

    @Test func commandLineValues() {
        #expect(TransportKind(commandLineValue: "v1") == .v1Stream)
        #expect(TransportKind(commandLineValue: "SSE") == .sse)
        #expect(TransportKind(commandLineValue: "ws") == .websocket)
        #expect(TransportKind(commandLineValue: "v1-post") == .v1Post)
        #expect(TransportKind(commandLineValue: "carrier-pigeon") == nil)
    }
}
