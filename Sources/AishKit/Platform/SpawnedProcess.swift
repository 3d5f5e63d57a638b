import CSpawn
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn`: aish's one way to run another
/// program (the user's editor; the tests' `aish` runs).
///
/// Not Foundation's `Process`: on Linux its `run()` copies a whole 256-byte
/// `d_name` out of each `/proc/self/fd` entry and crashes now and then when one
/// sits at the end of a page (swift-corelibs-foundation#5472, Swift 6.3). Here the
/// child closes every descriptor above its three standard ones before it starts
/// (`posix_spawn_file_actions_addclosefrom_np`), and the pipes are close-on-exec
/// from birth, so children started at once by several threads never hold each
/// other's pipes.
///
/// The caller owns the pipe ends it gets (``input``, ``output``, ``errors``) and
/// closes them; ``wait()`` blocks, so call it off Swift's cooperative threads.
public struct SpawnedProcess: Sendable {
    /// Where one of the child's standard streams goes.
    public enum Stream: Sendable, Equatable {
        /// This process's own.
        case inherit
        /// `/dev/null`.
        case null
        /// A new pipe; the parent gets the other end.
        case pipe
        /// A file opened with `flags` (`O_RDWR` for a terminal, for instance).
        case file(String, flags: Int32)
        /// The same open file as the child's descriptor `n` (set up first).
        case sameAs(Int32)
    }

    /// The child's process id.
    public let pid: pid_t
    /// The write end of the child's standard input, for ``Stream/pipe``.
    public let input: Int32?
    /// The read end of the child's standard output, for ``Stream/pipe``.
    public let output: Int32?
    /// The read end of the child's standard error, for ``Stream/pipe``.
    public let errors: Int32?

    /// Starts `path` with `arguments` (not counting `argv[0]`, which is `path`) and
    /// exactly `environment`. With `newSession`, the child leads a session of its
    /// own, so the first terminal it opens becomes its controlling one. Signals the
    /// parent ignores or blocks are reset to their defaults in the child.
    public static func spawn(
        _ path: String, _ arguments: [String], environment: [String: String],
        input: Stream = .null, output: Stream = .inherit, errors: Stream = .inherit,
        newSession: Bool = false
    ) throws(AishError) -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32?] = [nil, nil, nil]
        var childEnds: [Int32] = []
        defer { for end in childEnds { close(end) } }
        func abandon() {
            for end in parentEnds.compactMap({ $0 }) { close(end) }
        }

        for (descriptor, stream) in [input, output, errors].enumerated() {
            let target = Int32(descriptor)
            switch stream {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(
                    &actions, target, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let file, let flags):
                posix_spawn_file_actions_addopen(&actions, target, file, flags, 0o600)
            case .sameAs(let other):
                posix_spawn_file_actions_adddup2(&actions, other, target)
            case .pipe:
                var ends: [Int32] = [-1, -1]
                guard aish_pipe_cloexec(&ends) == 0 else {
                    let reason = String(cString: strerror(errno))
                    abandon()
                    throw .invalidArgument(name: "program", value: path, hint: "cannot make a pipe for it: \(reason)")
                }
                // ends[0] reads, ends[1] writes: the child reads its input.
                let (childEnd, parentEnd) = descriptor == 0 ? (ends[0], ends[1]) : (ends[1], ends[0])
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                childEnds.append(childEnd)
                parentEnds[descriptor] = parentEnd
            }
        }
        aish_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        if newSession { flags |= Self.setSID }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([path] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv + [nil], envp + [nil])
        guard status == 0 else {
            abandon()
            throw .invalidArgument(
                name: "program", value: path, hint: "cannot start it: \(String(cString: strerror(status)))")
        }
        return SpawnedProcess(pid: pid, input: parentEnds[0], output: parentEnds[1], errors: parentEnds[2])
    }

    /// glibc's `POSIX_SPAWN_SETSID` (2.26 and later), which Swift's Glibc does not export.
    private static let setSID: Int32 = 0x80

    /// Blocks until the child ends and reaps it: its exit status, or 128 + the
    /// signal that ended it, as a shell reports it.
    public func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        _ = kill(pid, signal)
    }

    /// Reads `descriptor` until its end, blocking, and closes it.
    public static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    /// Writes all of `bytes` to `descriptor`, blocking, and closes it (a reader that
    /// has gone away ends the writing quietly: the caller ignores SIGPIPE).
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                offset += count
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
