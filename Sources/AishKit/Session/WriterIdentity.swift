import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which process is writing a streaming reply: its pid and, on Linux, its start time,
/// so that a pid reused by an unrelated process after a `kill -9` is not mistaken
/// for the writer. Stored as `pid/start`.
enum WriterIdentity {
    /// This process's identity.
    static let current: String = identity(of: getpid()) ?? "\(getpid())/0"

    /// Whether the process that wrote `identity` is still running.
    static func isAlive(_ identity: String) -> Bool {
        let parts = identity.split(separator: "/")
        guard let first = parts.first, let pid = pid_t(first) else { return false }
        if kill(pid, 0) != 0, errno == ESRCH { return false }
        guard let running = self.identity(of: pid) else { return true }
        return running == identity
    }

    /// `pid/start` for a running process, with the start time from `/proc/PID/stat`
    /// (field 22, clock ticks since boot); nil where there is no `/proc`.
    private static func identity(of pid: pid_t) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) is in parentheses and may hold spaces.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the name come fields 3, 4, …; the start time is field 22.
        guard fields.count > 19 else { return nil }
        return "\(pid)/\(fields[19])"
    }
}
