import Foundation

/// How session times are written: ISO 8601 for JSON, short local time for people.
public enum SessionDates {
    /// `2026-05-01T14:03:12Z`, for JSON output.
    public static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
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
