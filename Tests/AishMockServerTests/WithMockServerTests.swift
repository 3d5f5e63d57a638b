import NIOCore
import NIOPosix
import Testing

@testable import AishMockServer

@Suite(.timeLimit(.minutes(1))) struct WithMockServerTests {
    @Test func servesOnLoopbackAndReturnsTheBodysValue() async throws {
        let (base, status) = try await withMockServer(fastConfiguration()) { base in
            (base, try await live(base + "/api/capabilities").status)
        }
        #expect(base.hasPrefix("http://127.0.0.1:"))
        #expect(status == 200)
    }

    @Test func rethrowsTheBodysError() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await withMockServer(fastConfiguration()) { _ in throw Boom() }
        }
    }

    /// A client that keeps a connection open and says nothing (a pooled keep-alive
    /// connection, or one opened ahead of need and never used) does not hold up the
    /// shutdown: the call returns.
    @Test(arguments: [false, true]) func anIdleConnectionDoesNotHoldUpTheShutdown(afterARequest: Bool) async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let (idle, answered) = try await withMockServer(fastConfiguration()) { base in
            let port = try #require(base.split(separator: ":").last.flatMap { Int($0) })
            let channel = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: port).get()
            guard afterARequest else { return (channel, false) }
            let answer = channel.eventLoop.makePromise(of: Void.self)
            try await channel.pipeline.addHandler(FirstBytes(answered: answer)).get()
            let request = "GET /api/capabilities HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            try await channel.writeAndFlush(ByteBuffer(string: request)).get()
            try await answer.futureResult.get()
            return (channel, true)
        }
        // Before, the call never returned (the suite's time limit fails it).
        #expect(answered == afterARequest)
        try? await idle.close()
    }

    /// Fulfils a promise with the first bytes the server sends.
    private final class FirstBytes: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let answered: EventLoopPromise<Void>
        init(answered: EventLoopPromise<Void>) { self.answered = answered }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) { answered.succeed() }
    }
}
