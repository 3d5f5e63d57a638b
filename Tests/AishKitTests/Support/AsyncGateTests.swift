import Testing

@testable import AishKit

/// One task at a time through the gate, across its awaits; a failing one lets the next through.
@Suite struct AsyncGateTests {
    @Test func tasksPassOneAtATimeAcrossTheirAwaits() async {
        let gate = AsyncGate()
        let inside = LockedBox((now: 0, most: 0, passed: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await gate.withPassage {
                        inside.withLock {
                            $0.now += 1
                            $0.most = max($0.most, $0.now)
                        }
                        for _ in 0..<3 { await Task.yield() }
                        inside.withLock {
                            $0.now -= 1
                            $0.passed += 1
                        }
                    }
                }
            }
        }
        let seen = inside.withLock { $0 }
        #expect(seen.most == 1)
        #expect(seen.passed == 50)
    }

    @Test func aBodyThatThrowsLetsTheNextOneThrough() async throws {
        struct Failed: Error {}
        let gate = AsyncGate()
        await #expect(throws: Failed.self) { try await gate.withPassage { throw Failed() } }
        let answer = await gate.withPassage { 42 }
        #expect(answer == 42)
    }

    @Test func aTaskThatFindsTheGateTakenWaitsForItsHolder() async {
        let gate = AsyncGate()
        let (held, holding) = AsyncStream.makeStream(of: Void.self)
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        let order = LockedBox<[String]>([])
        let holder = Task {
            await gate.withPassage {
                holding.yield()
                for await _ in release { break }
                order.withLock { $0.append("holder") }
            }
        }
        for await _ in held { break }
        let waiter = Task {
            await gate.withPassage { order.withLock { $0.append("waiter") } }
        }
        releasing.yield()
        await holder.value
        await waiter.value
        #expect(order.withLock { $0 } == ["holder", "waiter"])
    }
}
