/// When each event of a stream is due: a deadline schedule from the start of the
/// stream, so sleeping late for one event does not delay all later ones.
struct Pacing: Sendable {
    /// Events per second after the first; 0 means no waiting at all.
    let eventsPerSecond: Double
    /// Delay from the start to the first content event.
    let firstEventDelay: Duration
    /// A test's hold on the content events, if any.
    var hold: GenerationHold?

    /// When the content event at `index` (0 for the first) is due.
    func deadline(forContentAt index: Int, from start: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard eventsPerSecond > 0 else { return start + firstEventDelay }
        return start + firstEventDelay + .seconds(Double(index) / eventsPerSecond)
    }

    /// Whether events go out as fast as possible once the first delay has passed.
    var unpaced: Bool { eventsPerSecond <= 0 }
}

extension Duration {
    /// A duration from seconds, with negative, infinite and NaN values read as 0.
    static func clampedSeconds(_ seconds: Double) -> Duration {
        seconds.isFinite && seconds > 0 ? .seconds(seconds) : .zero
    }
}
