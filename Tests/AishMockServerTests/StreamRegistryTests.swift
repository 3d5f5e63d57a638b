import Testing

@testable import AishMockServer

/// A stream's first reader is registered before its generation writes, so a reply
/// written faster than its response begins loses none of its first events.
@Suite(.timeLimit(.minutes(1))) struct StreamRegistryTests {
    let registry = StreamRegistry(retention: .seconds(60))
    /// As fast as possible: the generation is limited only by its readers.
    let fullSpeed = Pacing(eventsPerSecond: 0, firstEventDelay: .zero)

    func reply(tokens: Int) throws -> Reply {
        Reply(specialist: try #require(Roster.specialist("apollo")), message: "race", maxTokens: tokens)
    }

    @Test func aNewStreamKeepsItsFirstEventsUntilItsConnectionReads() async throws {
        let tokens = 60_000  // more than three windows of the log
        let (_, entry, lease) = registry.start(
            reply: try reply(tokens: tokens), faults: FaultPlan(), pacing: fullSpeed, grace: .seconds(5), owner: nil)
        // The generation runs a window ahead of a reader that has not read yet, and waits.
        await entry.log.waitUntilWriterWaits()
        let reader = try #require(lease.take())
        #expect(lease.take() == nil, "a lease gives its reader once")
        var ids: [Int] = []
        var last: StreamEvent?
        reading: while true {
            switch entry.log.read(reader, limit: 4096) {
            case .events(let events):
                ids += events.map(\.id)
                last = events.last ?? last
            case .nothingYet: await entry.log.waitForEvents(reader)
            case .ended: break reading
            }
        }
        #expect(ids == Array(0..<(tokens + 2)), "start, every token and done, from the first")
        guard case .done(let used, _) = last?.payload else {
            Issue.record("the last event is \(String(describing: last)), not done")
            return
        }
        #expect(used == tokens)
    }

    @Test func aLeaseNobodyReadsDoesNotHoldTheGenerationBack() async throws {
        // The response was never written (its client left first): the lease goes
        // unread, its reader counts as gone, and the generation stops after its grace.
        _ = registry.start(
            reply: try reply(tokens: 60_000), faults: FaultPlan(), pacing: fullSpeed, grace: .zero, owner: nil)
        await registry.waitUntilNoActiveGenerations()
        #expect(registry.activeGenerationCount == 0)
    }
}

/// Which ended streams are kept for a client to resume.
@Suite(.timeLimit(.minutes(1))) struct StreamRetentionTests {
    let registry = StreamRegistry(retention: .seconds(60))

    /// Reads `entry`'s stream to its end, as its connection does.
    private func readToTheEnd(_ entry: StreamRegistry.Entry, _ lease: ReaderLease) async throws {
        let reader = try #require(lease.take())
        while true {
            switch entry.log.read(reader, limit: 4096) {
            case .events: continue
            case .nothingYet: await entry.log.waitForEvents(reader)
            case .ended: return
            }
        }
    }

    @Test func aResumableStreamIsKeptAfterItEndsAndAnOpenAIOneIsNot() async throws {
        let reply = Reply(specialist: try #require(Roster.specialist("apollo")), message: "keep", maxTokens: 50)
        let pacing = Pacing(eventsPerSecond: 0, firstEventDelay: .zero)
        for resumable in [true, false] {
            let (requestID, entry, lease) = registry.start(
                reply: reply, faults: FaultPlan(), pacing: pacing, grace: .seconds(5), owner: nil,
                resumable: resumable)
            try await readToTheEnd(entry, lease)
            await registry.waitUntilNoActiveGenerations()
            #expect((registry.entry(for: requestID, owner: nil) != nil) == resumable, "resumable: \(resumable)")
        }
        #expect(registry.keptCount == 1)
    }
}
