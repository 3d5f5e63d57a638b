import Foundation

/// Time, as aish reads it: monotonic for measuring and deadlines, the wall clock for
/// what is kept across runs, and waiting. ``SystemClock`` is the real one;
/// ``ManualClock`` is its twin, moved by tests.
public protocol AishClock: Sendable {
    /// Monotonic time, for durations and deadlines.
    var now: ContinuousClock.Instant { get }
    /// Wall-clock time, for what is kept across runs (caches, sessions).
    var date: Date { get }
    /// Waits `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The machine's clocks.
public struct SystemClock: AishClock {
    /// The machine's clocks.
    public init() {}
    public var now: ContinuousClock.Instant { ContinuousClock.now }
    public var date: Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// A clock that moves only when told: ``advance(by:)`` moves both times and wakes
/// the sleepers whose time has come. For tests of timeouts, pacing and caches.
public final class ManualClock: AishClock {
    private struct Sleeper {
        var deadline: Duration
        var wake: CheckedContinuation<Void, Never>
    }

    private struct State {
        var offset: Duration = .zero
        var sleepers: [UInt64: Sleeper] = [:]
        var lastID: UInt64 = 0
    }

    private let start = ContinuousClock.now
    private let startDate: Date
    private let state = LockedBox(State())

    /// A clock that starts at `date` (wall time) and now (monotonic time).
    public init(date: Date = Date(timeIntervalSince1970: 1_800_000_000)) { startDate = date }

    public var now: ContinuousClock.Instant { start + state.withLock { $0.offset } }
    public var date: Date { startDate + state.withLock { $0.offset }.seconds }

    /// How many tasks are sleeping on this clock now.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(for duration: Duration) async throws {
        let id = state.withLock { state -> UInt64 in
            state.lastID += 1
            return state.lastID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let wakeNow = state.withLock { state -> Bool in
                    guard duration > .zero, !Task.isCancelled else { return true }
                    state.sleepers[id] = Sleeper(deadline: state.offset + duration, wake: continuation)
                    return false
                }
                if wakeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.wake.resume()
        }
        try Task.checkCancellation()
    }

    /// Moves the clock on by `duration`, waking every sleeper whose time has come.
    public func advance(by duration: Duration) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.offset += duration
            let due = state.sleepers.filter { $0.value.deadline <= state.offset }
            for id in due.keys { state.sleepers.removeValue(forKey: id) }
            return due.values.map(\.wake)
        }
        for continuation in woken { continuation.resume() }
    }
}
