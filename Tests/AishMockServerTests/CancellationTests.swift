import Foundation
import NIOCore
import ServiceLifecycle
import Testing

@testable import AishMockServer

@Suite(.timeLimit(.minutes(1))) struct CancellationTests {
    @Test func clientDisconnectStopsTheGeneration() async throws {
        // 100,000 tokens at 200 a second would take over eight minutes.
        let state = MockServerState(configuration: fastConfiguration(tokensPerSecond: 200, grace: 0.05))
        try await withMockServer(state: state, logger: testLogger) { base in
            let partial = try await live(
                base + "/api/v2/ai/ergon/stream", method: .POST, body: #"{"message":"go","max_tokens":100000}"#,
                stopWhen: { $0.components(separatedBy: "event: content").count > 3 }
            )
            #expect(partial.status == 200)
            let requestID = try #require(dataEvents(partial.body).first?.json["request_id"] as? String)
            await state.streams.waitUntilNoActiveGenerations()
            #expect(state.streams.activeGenerationCount == 0)
            let resume = try await live(
                base + "/api/v2/ai/ergon/stream/\(requestID)", headers: [("Last-Event-ID", "2")])
            #expect(resume.status == 404)
        }
    }

    @Test func shutdownEndsOpenStreams() async throws {
        let state = MockServerState(configuration: fastConfiguration(tokensPerSecond: 100))
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try makeMockApplication(state: state, logger: testLogger) { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
        }
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: testLogger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var portIterator = ports.makeAsyncIterator()
            let port = try #require(await portIterator.next())
            let (progress, progressContinuation) = AsyncStream.makeStream(of: Void.self)
            tasks.addTask {
                let result = try await live(
                    "http://127.0.0.1:\(port)/api/v2/ai/ergon/stream", method: .POST,
                    body: #"{"message":"go","max_tokens":100000}"#,
                    onData: { if $0.contains("event: content") { progressContinuation.yield() } }
                )
                #expect(result.body.contains("event: content"))
                #expect(!result.body.contains("event: done"))
            }
            var progressIterator = progress.makeAsyncIterator()
            await progressIterator.next()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(state.streams.activeGenerationCount == 0)
    }
}
