import AishKit
import Foundation
import Testing

/// The HTTP transports (v2 SSE, v1 SSE, v1 POST) bound the first answer and the
/// silence inside a reply like the WebSocket one, with the same words, and keep the
/// text that came before (issue 12, item 7).
@Suite("HTTP reply deadlines", .timeLimit(.minutes(1)))
struct HTTPReplyDeadlineTests {
    static let request = ChatRequest(specialistID: "apollo", message: "hello")
    static let short = Timeouts(connect: .seconds(20), firstAnswer: .milliseconds(50), silence: .milliseconds(50))

    static let transports: [(String, @Sendable (TektonClient) -> any ChatTransport)] = [
        ("v2 SSE", { V2SSETransport(client: $0, resumePolicy: .never) }),
        ("v1 SSE", { V1StreamTransport(client: $0) }),
        ("v1 POST", { V1PostTransport(client: $0) }),
    ]

    private func reply(
        _ steps: [ResponseStep], timeouts: Timeouts = short, transport: @Sendable (TektonClient) -> any ChatTransport
    ) async throws -> CollectedReply {
        let server = try await RawHTTPTestServer.start { _ in steps }
        let client = try TektonClient(baseURL: server.baseURL, timeouts: timeouts)
        let reply = await collect(transport(client).stream(Self.request))
        try await server.shutdown()
        return reply
    }

    private func reason(of reply: CollectedReply) -> String? {
        guard case .streamInterrupted(let id, let reason)? = reply.aishError, id == "apollo" else {
            Issue.record("expected streamInterrupted for apollo, got \(String(describing: reply.error))")
            return nil
        }
        return reason
    }

    @Test(arguments: 0..<3)
    func aServerThatNeverAnswersTimesOut(_ index: Int) async throws {
        let (name, transport) = Self.transports[index]
        let reply = try await reply([.holdOpen], transport: transport)
        #expect(reply.text.isEmpty, "\(name)")
        #expect(reason(of: reply) == "the server sent no answer within 0.05 s", "\(name)")
    }

    @Test(arguments: 0..<2)
    func aStreamWithAHeadAndNoEventIsStillWaitingForItsFirstAnswer(_ index: Int) async throws {
        let (name, transport) = Self.transports[index]
        let reply = try await reply([.send(RawHTTP.chunkedEventStreamHead), .holdOpen], transport: transport)
        #expect(reason(of: reply) == "the server sent no answer within 0.05 s", "\(name)")
    }

    @Test func v2SilenceMidReplyTimesOutAndKeepsTheText() async throws {
        var timeouts = Self.short
        timeouts.firstAnswer = .seconds(20)
        let reply = try await reply(
            [.send(V2Script.closeDelimitedHead + V2Script.start() + V2Script.events(from: 1, through: 1)), .holdOpen],
            timeouts: timeouts, transport: Self.transports[0].1)
        #expect(reply.text == "w1é ")
        #expect(reason(of: reply) == "the server sent nothing more within 0.05 s")
    }

    @Test func v1SilenceMidReplyTimesOutAndKeepsTheText() async throws {
        var timeouts = Self.short
        timeouts.firstAnswer = .seconds(20)
        let reply = try await reply(
            [.send(V2Script.closeDelimitedHead + #"data: {"chunk": "Hello, "}"# + "\n\n"), .holdOpen],
            timeouts: timeouts, transport: Self.transports[1].1)
        #expect(reply.text == "Hello, ")
        #expect(reason(of: reply) == "the server sent nothing more within 0.05 s")
    }
}

/// ``Timeouts/watch(_:clock:_:)`` on a clock the test moves.
@Suite("Reply watch", .timeLimit(.minutes(1)))
struct ReplyWatchTests {
    static let timeouts = Timeouts(connect: .seconds(1), firstAnswer: .seconds(10), silence: .seconds(2))

    /// Starts a watched exchange that beats once for each element of `beats`, says
    /// so on `heard`, and then stays silent until cancelled.
    private func watched(_ clock: ManualClock, beats: AsyncStream<Void>, heard: AsyncStream<Void>.Continuation)
        -> Task<Void, any Error>
    {
        Task {
            try await Self.timeouts.watch("apollo", clock: clock) { heartbeat in
                for await _ in beats {
                    heartbeat.beat()
                    heard.yield()
                }
                try await Task.sleep(for: .seconds(3600))
            }
        }
    }

    private func reason(_ task: Task<Void, any Error>) async -> String? {
        do {
            try await task.value
        } catch AishError.streamInterrupted(let id, let reason) where id == "apollo" {
            return reason
        } catch {
            Issue.record("expected streamInterrupted, got \(error)")
        }
        return nil
    }

    @Test func withoutABeatTheFirstAnswerBoundEndsIt() async throws {
        let clock = ManualClock()
        let beats = AsyncStream<Void>.makeStream()
        let heard = AsyncStream<Void>.makeStream()
        let task = watched(clock, beats: beats.stream, heard: heard.continuation)
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(10))
        #expect(await reason(task) == "the server sent no answer within 10 s")
        beats.continuation.finish()
    }

    /// Starts a watched exchange that beats once, `after` from its start, and is
    /// silent from then on.
    private func beatingOnce(after: Duration, on clock: ManualClock) async -> Task<Void, any Error> {
        let beats = AsyncStream<Void>.makeStream()
        let heard = AsyncStream<Void>.makeStream()
        var acknowledged = heard.stream.makeAsyncIterator()
        let task = watched(clock, beats: beats.stream, heard: heard.continuation)
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: after)  // may wake the watcher, which looks again within every silence bound
        while clock.sleeperCount == 0 { await Task.yield() }
        beats.continuation.yield()
        _ = await acknowledged.next()
        beats.continuation.finish()
        return task
    }

    @Test func aBeatMovesTheDeadlineToTheSilenceBound() async throws {
        let clock = ManualClock()
        let task = await beatingOnce(after: .seconds(9), on: clock)
        // At 10.5 s the first-answer bound has passed, but the beat at 9 s counts: the
        // watcher goes back to sleep (until 11 s) instead of ending the reply.
        clock.advance(by: .milliseconds(1500))
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .milliseconds(500))
        #expect(await reason(task) == "the server sent nothing more within 2 s")
    }

    @Test func aFirstAnswerMakesAShorterSilenceBoundCountAtOnce() async throws {
        let clock = ManualClock()
        let task = await beatingOnce(after: .seconds(1), on: clock)
        // Silent from 1 s: the reply ends at 3 s, long before the 10 s first-answer bound.
        clock.advance(by: .seconds(1))
        while clock.sleeperCount == 0 { await Task.yield() }
        clock.advance(by: .seconds(1))
        #expect(await reason(task) == "the server sent nothing more within 2 s")
    }
}
