import AishKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `aish` run as a user runs its shell: on a pseudo-terminal of its own (its
/// controlling terminal, in a new session), which the bench types into and reads.
final class TerminalChild: @unchecked Sendable {
    let pid: pid_t
    private let master: Int32
    private let condition = NSCondition()
    private var output = Data()
    private var ended = false

    init(_ path: String, _ arguments: [String], columns: UInt16 = 100, rows: UInt16 = 40) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw BenchError.system("openpty") }
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &name, name.count) == 0 else { throw BenchError.system("ttyname_r") }
        let slaveName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        close(slave)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        self.master = master

        var environment: [String: String] = [:]
        for entry in ChildProcess.environment + ["TERM=xterm-256color"] {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            environment[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        do {
            pid =
                try SpawnedProcess.spawn(
                    path, arguments, environment: environment, input: .file(slaveName, flags: O_RDWR),
                    output: .sameAs(0), errors: .sameAs(0), newSession: true
                ).pid
        } catch {
            close(master)
            throw BenchError("cannot start \(path): \(error)")
        }
        Thread { [self] in drain() }.start()
    }

    deinit { close(master) }

    /// Types `text` ("\r" for Enter, "\u{04}" for Ctrl-D).
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Waits until the output holds `text` `count` times; false after `seconds` or
    /// once the child's terminal is gone.
    func waitFor(_ text: String, count: Int, seconds: Double) -> Bool {
        let needle = Data(text.utf8)
        let deadline = Date().addingTimeInterval(seconds)
        condition.lock()
        defer { condition.unlock() }
        while occurrences(of: needle) < count {
            guard !ended, condition.wait(until: deadline) else { return false }
        }
        return true
    }

    /// The child's user and system time so far, in clock ticks (`/proc/PID/stat`).
    func cpuTicks() throws(BenchError) -> UInt64 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { throw BenchError("cannot read /proc/\(pid)/stat") }
        // After the command name: state is field 3, utime field 14, stime field 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = UInt64(fields[11]), let system = UInt64(fields[12]) else {
            throw BenchError("unexpected /proc/\(pid)/stat")
        }
        return user + system
    }

    /// Ends the child and reaps it.
    func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private func occurrences(of needle: Data) -> Int {
        var count = 0
        var start = output.startIndex
        while let found = output.range(of: needle, in: start..<output.endIndex) {
            count += 1
            start = found.upperBound
        }
        return count
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            condition.lock()
            if count > 0 { output.append(contentsOf: buffer[0..<count]) } else { ended = true }
            condition.broadcast()
            condition.unlock()
            if count <= 0 { return }
        }
    }
}
