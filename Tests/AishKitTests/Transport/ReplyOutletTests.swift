import NIOCore
import NIOPosix
import Testing

@testable import AishKit

/// The text a reading task yields in one turn of its event loop goes out as one
/// event, after what came before it and before what comes after.
@Suite struct ReplyOutletTests {
    private let loop = MultiThreadedEventLoopGroup.singleton.next()

    /// Everything `turns` yield, each run as one turn of the loop, then the end of the stream.
    private func events(mergingOnLoop: Bool = true, _ turns: [@Sendable (ReplyOutlet) -> Void]) async throws
        -> [ChatEvent]
    {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatEvent.self)
        let outlet = ReplyOutlet(continuation, mergingOn: mergingOnLoop ? loop : nil)
        for turn in turns { try await loop.submit { turn(outlet) }.get() }
        try await loop.submit { outlet.finish() }.get()
        var events: [ChatEvent] = []
        for try await event in stream { events.append(event) }
        return events
    }

    @Test func textOfOneTurnIsOneEventWithAllItsTokens() async throws {
        let events = try await events([
            { outlet in
                outlet.yield(.text("Hel", tokens: 1))
                outlet.yield(.text("lo, ", tokens: 2))
                outlet.yield(.text("world", tokens: 1))
            }
        ])
        #expect(events == [.text("Hello, world", tokens: 4)])
    }

    @Test func eachTurnsTextGoesOutBeforeTheNextTurnsText() async throws {
        let events = try await events([
            { $0.yield(.text("one ", tokens: 1)) },
            { outlet in
                outlet.yield(.text("two ", tokens: 1))
                outlet.yield(.text("three", tokens: 1))
            },
        ])
        #expect(events == [.text("one ", tokens: 1), .text("two three", tokens: 2)])
    }

    @Test func anyOtherEventSendsTheWaitingTextFirst() async throws {
        let events = try await events([
            { outlet in
                outlet.yield(.started(requestID: "req_1", transport: .sse))
                outlet.yield(.text("a", tokens: 1))
                outlet.yield(.text("b", tokens: 1))
                outlet.yield(.notice(code: "slow", message: "the server is slow"))
                outlet.yield(.text("c", tokens: 1))
                outlet.yield(.done(tokensUsed: 3, finishReason: "stop"))
            }
        ])
        #expect(
            events == [
                .started(requestID: "req_1", transport: .sse), .text("ab", tokens: 2),
                .notice(code: "slow", message: "the server is slow"), .text("c", tokens: 1),
                .done(tokensUsed: 3, finishReason: "stop"),
            ])
    }

    @Test func theEndOfTheStreamSendsTheWaitingTextFirst() async throws {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ChatEvent.self)
        let outlet = ReplyOutlet(continuation, mergingOn: loop)
        struct Cut: Error {}
        try await loop.submit {
            outlet.yield(.text("partial", tokens: 1))
            outlet.finish(throwing: Cut())
        }.get()
        var events: [ChatEvent] = []
        await #expect(throws: Cut.self) { for try await event in stream { events.append(event) } }
        #expect(events == [.text("partial", tokens: 1)])
    }

    @Test func withoutAnEventLoopEveryEventGoesOutAtOnce() async throws {
        let events = try await events(
            mergingOnLoop: false,
            [
                { outlet in
                    outlet.yield(.text("a", tokens: 1))
                    outlet.yield(.text("b", tokens: 1))
                }
            ])
        #expect(events == [.text("a", tokens: 1), .text("b", tokens: 1)])
    }
}
