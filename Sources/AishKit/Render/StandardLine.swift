import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where standard output and standard error meet when both go to one place that is
/// not a terminal (`aish apollo x > log 2>&1`, `aish apollo x 2>&1 | less`).
///
/// A reply's text goes out as the server sent it, so it may stop in the middle of a
/// line (a reply cut off at the token limit, or one that fails half way). A line on
/// standard error written after it then starts on a line of its own instead of
/// joining the reply's last words. On a terminal the callers already end the
/// reply's line (``ChatTurn``), so a terminal is never shared here.
final class StandardLine: Sendable {
    /// Whether the last text written to standard output left its line unfinished.
    private let outputIsMidLine = Mutex(false)

    init() {}

    /// The one for this process's standard output and standard error, nil unless
    /// both are one file, pipe or device, and not a terminal.
    static let shared: StandardLine? = sameFile(1, 2) && isatty(1) == 0 ? StandardLine() : nil

    /// Notes how `text`, just written to standard output, ended.
    func wroteOutput(_ text: String) {
        guard let last = text.utf8.last else { return }
        outputIsMidLine.withLock { $0 = last != UInt8(ascii: "\n") }
    }

    /// `text` for standard error, after a line break when standard output's last
    /// line is unfinished (which it then no longer is).
    func statusLine(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        let breaks = outputIsMidLine.withLock { midLine in
            defer { midLine = false }
            return midLine
        }
        return breaks ? "\n" + text : text
    }

    /// Whether descriptors `a` and `b` are open on the same file (or pipe, or device).
    private static func sameFile(_ a: Int32, _ b: Int32) -> Bool {
        var first = stat()
        var second = stat()
        guard fstat(a, &first) == 0, fstat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
