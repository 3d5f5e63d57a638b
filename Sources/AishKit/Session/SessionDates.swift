import Foundation

/// How session times are written: ISO 8601 for JSON, short local time for people.
public enum SessionDates {
    /// `2026-05-01T14:03:12.345Z`, for JSON output: to the millisecond, so that an
    /// export read back by `aish sessions import` keeps the order of sessions made
    /// within one second. `milliseconds: false` writes whole seconds, for people.
    public static func iso8601(_ date: Date, milliseconds: Bool = true) -> String {
        guard milliseconds else { return date.formatted(.iso8601) }
        // The style cuts the fraction off; half a millisecond more makes that the
        // nearest millisecond, so a time read back (…48.343 held as …48.342999) is
        // written again as it was read.
        return date.addingTimeInterval(0.0005).formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// A time as ``iso8601(_:)`` writes it, or without its fraction of a second (as
    /// aish wrote it before, and other tools do); nil when it is neither.
    public static func date(iso8601 text: String) -> Date? {
        (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
            ?? (try? Date(text, strategy: .iso8601))
    }

    /// `2026-05-01 14:03` in the local time zone, for listings and messages.
    public static func short(_ date: Date) -> String {
        let format = Date.VerbatimFormatStyle(
            format:
                "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: .current, calendar: Calendar(identifier: .gregorian))
        return date.formatted(format)
    }
}
