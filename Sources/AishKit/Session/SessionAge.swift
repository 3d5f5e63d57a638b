import Foundation

/// A length of time for idle expiry: `30d`, `12h`, `90m`, `2w`, or `0` for never.
public struct SessionAge: Sendable, Equatable, CustomStringConvertible {
    /// The length in seconds; 0 means never.
    public var seconds: TimeInterval

    /// Sessions idle longer than this are pruned unless told otherwise: 30 days.
    public static let defaultTTL = SessionAge(seconds: 30 * 86_400)

    /// The longest age accepted: 36,500 days (100 years). Longer ones are refused
    /// when parsed, so that every age converts to whole seconds and to a date.
    public static let longest = SessionAge(seconds: 36_500 * 86_400)

    /// An age of `seconds`, kept within 0 and ``longest`` (NaN counts as 0).
    public init(seconds: TimeInterval) {
        self.seconds = seconds.isNaN ? 0 : min(max(seconds, 0), 36_500 * 86_400)
    }

    /// Parses `30d`, `12h`, `90m`, `45s`, `2w`, or a bare `0`; nil for anything
    /// else, and for an age longer than ``longest``.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace().lowercased()
        if trimmed == "0" {
            self.init(seconds: 0)
            return
        }
        guard let unit = trimmed.last, let count = Int(trimmed.dropLast()), count >= 0 else { return nil }
        let scale: TimeInterval
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 7 * 86_400
        default: return nil
        }
        let seconds = TimeInterval(count) * scale
        guard seconds <= Self.longest.seconds else { return nil }
        self.init(seconds: seconds)
    }

    /// Whether this age means "never expire".
    public var isNever: Bool { seconds == 0 }

    /// `30d`, `12h`, … in the largest unit that divides it, or `0`.
    public var description: String {
        let whole = Int(seconds)
        if whole == 0 { return "0" }
        for (unit, size) in [("w", 7 * 86_400), ("d", 86_400), ("h", 3_600), ("m", 60)] where whole % size == 0 {
            return "\(whole / size)\(unit)"
        }
        return "\(whole)s"
    }

    /// What a user may write, for error messages.
    public static let syntaxHint =
        "write a number with a unit: 30d, 12h, 90m, 2w (s, m, h, d, w), at most 36500d, or 0 for never"
}
