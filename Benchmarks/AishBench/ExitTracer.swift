#if canImport(Glibc)
    import Glibc
#endif

/// Reads a child's own peak RSS (`VmHWM`) at the moment it exits, by stopping it
/// there with ptrace (`PTRACE_SEIZE` + `PTRACE_O_TRACEEXIT`).
///
/// Why not `wait4`'s `ru_maxrss`: `posix_spawn` runs the child on the parent's
/// memory until `exec` (vfork), and Linux's `exec` records that memory's high-water
/// mark as the child's `maxrss`. So `ru_maxrss` is max(parent's RSS, child's RSS),
/// and here the parent is the bench with the mock server inside. `VmHWM` belongs to
/// the memory the child got at `exec`: its own peak.
enum ExitTracer {
    private static let seize: CInt = 0x4206
    private static let cont: CInt = 7
    private static let detach: CInt = 17
    private static let traceExitOption = 0x40
    private static let exitEvent: Int32 = 6

    /// glibc's `ptrace` is variadic, which Swift does not import; called with a fixed
    /// prototype, as the Linux calling conventions (x86-64, arm64) allow.
    private typealias PtraceFunction =
        @convention(c) (
            CInt, pid_t, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
        ) -> CLong

    private static let ptrace: PtraceFunction? = dlsym(nil, "ptrace").map { unsafeBitCast($0, to: PtraceFunction.self) }

    /// Starts tracing `pid` so it stops just before exiting.
    static func attach(_ pid: pid_t) throws(BenchError) {
        guard let ptrace else { throw BenchError("ptrace is not available") }
        if ptrace(seize, pid, nil, UnsafeMutableRawPointer(bitPattern: traceExitOption)) != 0 {
            throw BenchError.system("ptrace(PTRACE_SEIZE) of aish (peak memory needs it; see kernel.yama.ptrace_scope)")
        }
    }

    /// Runs the traced child up to its exit stop, reads `VmHWM` (KiB) and lets it go.
    /// Returns nil, with the status `wait4` reaped, when the child ended without that stop.
    static func peakAtExit(_ pid: pid_t) throws(BenchError) -> (peakKiB: UInt64?, reaped: (Int32, rusage)?) {
        guard let ptrace else { throw BenchError("ptrace is not available") }
        var status: Int32 = 0
        var usage = rusage()
        while true {
            guard wait4(pid, &status, 0, &usage) >= 0 else {
                if errno == EINTR { continue }
                throw .system("wait4")
            }
            guard status & 0xff == 0x7f else { return (nil, (status, usage)) }  // ended: reaped
            let signal = (status >> 8) & 0xff
            let event = status >> 16
            if event == exitEvent {
                let peak = residentHighWaterMark(pid)
                _ = ptrace(detach, pid, nil, nil)
                return (peak, nil)
            }
            // Pass a signal on; resume after any other stop.
            let deliver = event == 0 ? Int(signal) : 0
            _ = ptrace(cont, pid, nil, UnsafeMutableRawPointer(bitPattern: deliver))
        }
    }

    /// `VmHWM` from `/proc/PID/status`, in KiB.
    private static func residentHighWaterMark(_ pid: pid_t) -> UInt64? {
        let descriptor = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").compactMap { UInt64($0.filter(\.isNumber)) }.first
    }
}
