import NIOCore
import NIOPosix
import Testing

@testable import AishKit

/// A PostgreSQL store call is bounded in time: its answer when it comes in time, nil
/// (and the call cancelled) when it does not; it runs on the connection's loop.
@Suite(.timeLimit(.minutes(1))) struct PostgresCallBoundTests {
    private let executor = EventLoopTaskExecutor(MultiThreadedEventLoopGroup.singleton)

    @Test func aCallAnsweredInTimeGivesItsAnswerFromTheLoop() async throws {
        let executor = self.executor
        let answer = try await PostgresSessionStore.within(.seconds(20), on: executor) {
            await Task.yield()
            return executor.eventLoop.inEventLoop ? "on the loop" : "elsewhere"
        }
        #expect(answer == "on the loop")
    }

    @Test func aCallThatFailsInTimeThrowsItsError() async throws {
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            _ = try await PostgresSessionStore.within(.seconds(20), on: executor) { () async throws -> Int in
                throw Refused()
            }
        }
    }

    @Test func aCallNotAnsweredInTimeGivesNilAndIsCancelled() async throws {
        // The call waits (as a query on a dead connection does) until it is cancelled,
        // then says whether it was.
        let (gate, open) = AsyncStream<Void>.makeStream()
        let (ended, end) = AsyncStream<Bool>.makeStream()
        let answer = try await PostgresSessionStore.within(.milliseconds(50), on: executor) { () async -> Int in
            await withTaskCancellationHandler {
                for await _ in gate {}
            } onCancel: {
                open.finish()
            }
            end.yield(Task.isCancelled)
            end.finish()
            return 1
        }
        #expect(answer == nil)
        var cancelled: [Bool] = []
        for await wasCancelled in ended { cancelled.append(wasCancelled) }
        #expect(cancelled == [true])
    }

    @Test func callsAnsweredAsTheirBoundPassesResumeTheirCallerOnce() async throws {
        // The call and its timer race here: whichever comes second must not resume the
        // caller again (a crash of the run).
        for round in 0..<200 {
            let answer = try await PostgresSessionStore.within(.milliseconds(1), on: executor) { round }
            #expect(answer == round || answer == nil)
        }
    }
}
