import NIOCore
import NIOPosix
import Testing

@testable import AishMockServer

/// A connection whose first bytes are no HTTP request (a TLS handshake sent to the
/// plain-HTTP mock) gets uvicorn's 400 and is closed, instead of hanging until the
/// client gives up; requests after it, on new connections, are served as before.
@Suite(.timeLimit(.minutes(1))) struct UnparsableRequestTests {
    /// The start of a TLS ClientHello, as `curl https://…` sends it.
    static let clientHello: [UInt8] =
        [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03]
        + Array(
            repeating: 0x61, count: 40)

    /// Writes `bytes` to the mock at `base` and reads until it closes the connection.
    private func exchange(_ bytes: [UInt8], with base: String) async throws -> String {
        let port = try #require(Int(base.split(separator: ":").last ?? ""))
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            var received = ByteBuffer()
            for try await var part in inbound { received.writeBuffer(&part) }
            return String(buffer: received)
        }
    }

    @Test(arguments: [clientHello, Array("GARBAGE STUFF\r\n\r\n".utf8)])
    func noiseGetsA400AndTheConnectionCloses(bytes: [UInt8]) async throws {
        try await withMockServer(state: MockServerState(configuration: fastConfiguration()), logger: testLogger) {
            base in
            let answer = try await exchange(bytes, with: base)
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
            #expect(answer.contains("\r\nConnection: close\r\n"))
            #expect(answer.hasSuffix("\r\n\r\nInvalid HTTP request received."))
            let next = try await live(base + "/api/capabilities")
            #expect(next.status == 200)
        }
    }

    @Test func aGoodRequestIsServedAsBefore() async throws {
        try await withMockServer(state: MockServerState(configuration: fastConfiguration()), logger: testLogger) {
            base in
            let answer = try await exchange(
                Array("GET /api/capabilities HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8), with: base)
            #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer)")
            #expect(answer.contains("\"api_versions\""))
        }
    }
}
