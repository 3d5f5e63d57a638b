import NIOCore
import NIOPosix
import Testing

@testable import AishKit

/// A reply's reading runs on its client's event loop, awaits included.
@Suite struct EventLoopTaskExecutorTests {
    /// The group the clients use.
    private let group = MultiThreadedEventLoopGroup.singleton

    @Test func aTaskThatPrefersItRunsOnItsLoopAndComesBackThereAfterEachAwait() async throws {
        let executor = EventLoopTaskExecutor(group)
        let seen = try await Task(executorPreference: executor) { () async throws -> [Bool] in
            var seen = [executor.eventLoop.inEventLoop]
            for round in 0..<3 {
                // Done by a task on the shared pool: this one is resumed on its own loop again.
                let (value, there) = await Task.detached { (round, executor.eventLoop.inEventLoop) }.value
                #expect(value == round && !there)
                seen.append(executor.eventLoop.inEventLoop)
            }
            return seen
        }.value
        #expect(seen == [true, true, true, true])
        #expect(!executor.eventLoop.inEventLoop)
    }

    @Test func aCallerThatPrefersTheLoopForAWhileIsBackWhereItWasAfter() async throws {
        let executor = EventLoopTaskExecutor(group)
        // The work suspends on the loop before it answers, as a request does.
        let during = await withTaskExecutorPreference(executor) {
            await Task.yield()
            return executor.eventLoop.inEventLoop
        }
        #expect(during)
        #expect(!executor.eventLoop.inEventLoop)
    }

    @Test func aProducedStreamIsFedFromTheLoopAndReadElsewhere() async throws {
        let executor = EventLoopTaskExecutor(group)
        let stream = AsyncThrowingStream<ChatEvent, any Error>.producing(on: executor) { continuation in
            for _ in 0..<3 {
                await Task.yield()
                continuation.yield(.text(executor.eventLoop.inEventLoop ? "on the loop " : "off the loop ", tokens: 1))
            }
        }
        var text = ""
        for try await case .text(let piece, _) in stream { text += piece }
        #expect(text == "on the loop on the loop on the loop ")
    }
}
