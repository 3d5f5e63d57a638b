/// Writes one reply into an ``EventLog``: `start`, one `reasoning` event per token of
/// the thinking when the reply ``Reply/thinks``, one `content` event per token
/// (with any injected error events), then `done`, paced by a ``Pacing``.
///
/// It runs apart from any connection, so a dropped connection does not lose the
/// reply. It stops early when cancelled, or once the log has been orphaned (its
/// last client went away) for longer than `grace`.
struct Generation: Sendable {
    let log: EventLog
    let requestID: String
    let reply: Reply
    let faults: FaultPlan
    let pacing: Pacing
    let grace: Duration

    /// How many events go into the log at once when there is no pacing.
    static let batchSize = 256
    /// The longest single sleep, so an orphaned log is noticed during long delays.
    static let longestSleep: Duration = .milliseconds(100)

    /// Writes the whole stream, then ends the log.
    func run() async {
        let start = ContinuousClock.now
        log.append([StreamEvent(id: 0, payload: .start(requestID: requestID))])
        var tokens = reply.tokens()
        var thoughts = reply.thoughts().makeIterator()
        var batch: [StreamEvent] = []
        var id = 1
        var tokensUsed = 0
        while true {
            if shouldStop() {
                log.append(batch)
                log.finish(.cancelled)
                return
            }
            let due = pacing.deadline(forContentAt: id - 1, from: start)
            if ContinuousClock.now < due {
                log.append(batch)
                batch.removeAll(keepingCapacity: true)
                do {
                    try await Task.sleep(until: min(due, .now + Self.longestSleep), clock: .continuous)
                } catch {
                    log.finish(.cancelled)
                    return
                }
                continue
            }
            if let hold = pacing.hold, hold.holds(beforeToken: tokensUsed) {
                // A test holds the reply here: what came so far goes out first.
                log.append(batch)
                batch.removeAll(keepingCapacity: true)
                await hold.waitBeforeToken(tokensUsed)
                continue
            }
            let event: StreamEvent
            var isLast = false
            if id == faults.fatalErrorAt {
                event = .failedUpstream(id: id)
                isLast = true
            } else if id == faults.recoverableErrorAt {
                event = .slowUpstream(id: id)
            } else if let thought = thoughts.next() {
                event = StreamEvent(id: id, payload: .reasoning(thought))
            } else if let token = tokens.next() {
                event = StreamEvent(id: id, payload: .content(token))
                tokensUsed += 1
            } else {
                event = StreamEvent(id: id, payload: .done(tokensUsed: tokensUsed, finishReason: reply.finishReason))
                isLast = true
            }
            batch.append(event)
            id += 1
            if isLast {
                log.append(batch)
                log.finish(.completed)
                return
            }
            if batch.count >= Self.batchSize || !pacing.unpaced {
                log.append(batch)
                batch.removeAll(keepingCapacity: true)
                await log.waitForRoom()
                if pacing.unpaced { await Task.yield() }
            }
        }
    }

    private func shouldStop() -> Bool {
        if Task.isCancelled { return true }
        guard let orphanedAt = log.orphanedAt else { return false }
        return ContinuousClock.now >= orphanedAt + grace
    }
}
