import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where a child's standard output goes. Standard input is always /dev/null (aish
/// reads piped input whole) and standard error is inherited, so its errors show.
enum ChildOutput: Sendable {
    case null
    /// A pipe; the parent reads ``ChildProcess/outputPipe``.
    case pipe
    /// A file, created or truncated.
    case file(String)
}

/// How a child ended, when, and its peak memory.
struct ChildExit: Sendable, CustomStringConvertible {
    /// The exit status, or nil when a signal ended the child.
    let exitCode: Int32?
    /// The signal that ended the child, if one did.
    let signal: Int32?
    /// `ru_maxrss` from `wait4`, KiB. On Linux this is at least the bench's own RSS
    /// (see ``ExitTracer``), so it is only an upper bound for the child.
    let maxResidentKiB: UInt64
    /// The child's own peak RSS (`VmHWM`) in KiB, when it was spawned with `tracesExit`.
    let peakResidentKiB: UInt64?
    /// Taken right after the child ended (`waitid` returned).
    let endedAt: ContinuousClock.Instant

    init(status: Int32, usage: rusage, peakResidentKiB: UInt64?, endedAt: ContinuousClock.Instant) {
        let signal = status & 0x7f
        exitCode = signal == 0 ? (status >> 8) & 0xff : nil
        self.signal = signal == 0 ? nil : signal
        maxResidentKiB = UInt64(max(0, usage.ru_maxrss))
        self.peakResidentKiB = peakResidentKiB
        self.endedAt = endedAt
    }

    var succeeded: Bool { exitCode == 0 }
    var description: String {
        if let exitCode { return "exited with status \(exitCode)" }
        return "was killed by signal \(signal ?? 0)"
    }
}

/// A process started with `posix_spawn` and reaped with `wait4`.
struct ChildProcess: Sendable {
    let pid: pid_t
    /// Taken right before `posix_spawn`.
    let startedAt: ContinuousClock.Instant
    /// The read end of standard output for ``ChildOutput/pipe``; the caller closes it.
    let outputPipe: Int32?
    /// Whether ``ExitTracer`` stops the child at exit to read its peak RSS.
    let tracesExit: Bool

    /// The environment children get: ours, built once, with aish's sessions (database
    /// and key) in a temporary folder instead of the user's home.
    static let environment: [String] = {
        var environment = ProcessInfo.processInfo.environment
        let sessions = (NSTemporaryDirectory() as NSString).appendingPathComponent("aishbench-\(getpid())")
        atexit {
            let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aishbench-\(getpid())")
            try? FileManager.default.removeItem(atPath: folder)
        }
        environment["XDG_DATA_HOME"] = sessions + "/data"
        environment["XDG_CONFIG_HOME"] = sessions + "/config"
        for name in ["AISH_DB", "AISH_SESSION_KEY", "AISH_SESSION_TTL"] { environment[name] = nil }
        return environment.map { "\($0.key)=\($0.value)" }
    }()

    /// Starts `path` with `arguments`; with `tracesExit`, ``ChildExit/peakResidentKiB``
    /// is measured (which delays the exit by a ptrace stop: keep it out of timings).
    static func spawn(
        _ path: String, _ arguments: [String], output: ChildOutput, tracesExit: Bool = false,
        environment extra: [String] = []
    ) throws(BenchError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var pipeEnds: [Int32] = [-1, -1]
        switch output {
        case .null:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .file(let file):
            posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        case .pipe:
            // No pipe2 in Swift's Glibc; the bench spawns one child at a time, so no
            // other child can inherit these ends before they are marked close-on-exec.
            guard pipe(&pipeEnds) == 0 else { throw .system("pipe") }
            _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        }

        // aish must see default signal handling, whatever ours is (we ignore SIGPIPE).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) }
        let envp = (environment + extra).map { strdup($0) }
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let startedAt = ContinuousClock.now
        let result = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], envp + [nil])
        if case .pipe = output { close(pipeEnds[1]) }
        guard result == 0 else {
            if case .pipe = output { close(pipeEnds[0]) }
            throw .system("posix_spawn \(path)", errno: result)
        }
        let child = ChildProcess(
            pid: pid, startedAt: startedAt, outputPipe: output.isPipe ? pipeEnds[0] : nil, tracesExit: tracesExit)
        if tracesExit {
            do {
                try ExitTracer.attach(pid)
            } catch {
                child.kill()
                _ = try? child.wait()
                throw error
            }
        }
        return child
    }

    /// Waits for the child to end; after `timeout` it is killed (and reported as such).
    func wait(timeout: Duration = .seconds(120)) throws(BenchError) -> ChildExit {
        let reaped = ReapFlag()
        let pid = self.pid
        let watchdog = DispatchWorkItem { reaped.killUnlessReaped(pid) }
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds), execute: watchdog)
        defer { watchdog.cancel() }

        var peak: UInt64?
        if tracesExit {
            let traced = try ExitTracer.peakAtExit(pid)
            if let (status, usage) = traced.reaped {
                reaped.markReaped()
                return ChildExit(status: status, usage: usage, peakResidentKiB: nil, endedAt: .now)
            }
            peak = traced.peakKiB
        }
        // Wait without reaping first: until the flag is set the pid stays a zombie,
        // which the watchdog can signal harmlessly, and which no new process can reuse.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 {
            guard errno == EINTR else { throw .system("waitid") }
        }
        let endedAt = ContinuousClock.now
        reaped.markReaped()
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw .system("wait4") }
        }
        return ChildExit(status: status, usage: usage, peakResidentKiB: peak, endedAt: endedAt)
    }

    /// Ends the child now (after a failed handshake); ``wait(timeout:)`` still reaps it.
    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
    }
}

extension ChildOutput {
    fileprivate var isPipe: Bool {
        if case .pipe = self { return true }
        return false
    }
}

/// Whether a child was reaped, so the watchdog never signals a pid that may have been reused.
private final class ReapFlag: Sendable {
    private let reaped = Mutex(false)

    func markReaped() { reaped.withLock { $0 = true } }

    func killUnlessReaped(_ pid: pid_t) {
        reaped.withLock { reaped in
            if !reaped { _ = kill(pid, SIGKILL) }
        }
    }
}
