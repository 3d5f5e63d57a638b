#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Times spelled as Rhetor's Python spells them.
enum PythonTime {
    /// `datetime.now().isoformat()`: `2026-12-03T11:55:09.967288` (the mock's clock is UTC).
    static func isoformat(_ date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let seconds = date.timeIntervalSince1970
        let micros = Int(((seconds - seconds.rounded(.down)) * 1_000_000).rounded(.down))
        let time =
            "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))"
            + "T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2))"
        return micros == 0 ? time : time + "." + pad(micros, 6)
    }

    /// `time.time()`'s repr: seconds since 1970 with microseconds, `1796298909.902195`.
    static func timestamp(_ date: Date = Date()) -> String {
        String(rounded(date.timeIntervalSince1970))
    }

    /// Seconds rounded to microseconds, as Rhetor reports elapsed times.
    static func rounded(_ seconds: Double) -> Double {
        (seconds * 1_000_000).rounded() / 1_000_000
    }

    /// Seconds since `start`, rounded to microseconds.
    static func elapsed(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return rounded(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    private static func pad(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
