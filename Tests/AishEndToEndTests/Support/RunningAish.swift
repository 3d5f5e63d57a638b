import AishKit
import AishTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The real `aish` binary left running, its output collected as it comes, so a
/// test can act mid-reply (send SIGKILL, for instance).
final class RunningAish: Sendable {
    private let process: SpawnedProcess
    private let output = LockedBox(Data())
    private let errors = LockedBox(Data())
    private let status = LockedBox<Int32?>(nil)

    /// Starts `aish arguments…` with `environment` on top of ``AishProcess``'s.
    init(_ arguments: [String], environment: [String: String]) throws {
        var env = ProcessInfo.processInfo.environment
        env["AISH_URL"] = nil
        for (key, value) in SessionSandbox.shared.environment { env[key] = value }
        for (key, value) in environment { env[key] = value }
        process = try SpawnedProcess.spawn(
            AishProcess.binary.path, arguments, environment: env, output: .pipe, errors: .pipe)
        if let descriptor = process.output { Self.collect(descriptor, into: output) }
        if let descriptor = process.errors { Self.collect(descriptor, into: errors) }
    }

    /// Appends what `descriptor` yields to `box` as it comes, on a thread of its own,
    /// and closes it at its end.
    private static func collect(_ descriptor: Int32, into box: LockedBox<Data>) {
        Thread {
            defer { close(descriptor) }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count > 0 {
                    box.withLock { $0.append(contentsOf: buffer[0..<count]) }
                } else if count == 0 || errno != EINTR {
                    return
                }
            }
        }.start()
    }

    /// Everything written to standard output so far.
    var stdout: Data { output.withLock { $0 } }
    /// Everything written to standard error so far.
    var stderr: String { String(decoding: errors.withLock { $0 }, as: UTF8.self) }

    /// Polls until `condition` holds (checking every 10 ms, for at most `seconds`:
    /// generous, because a whole parallel test run on two cores can take that long
    /// to start a process).
    static func waitUntil(seconds: Double = 120, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Sends `signal` and waits for the process to end.
    func kill(_ signal: Int32) async {
        process.send(signal)
        let process = self.process
        let ended = await onThreadOfItsOwn { process.wait() }
        status.withLock { $0 = ended }
    }

    /// Waits for the process to end on its own and returns its exit status.
    func waitForExit() async -> Int32 {
        let process = self.process
        let ended = await onThreadOfItsOwn { process.wait() }
        status.withLock { $0 = ended }
        return ended
    }

    /// The exit status (128 + the signal for one it did not catch), once the process
    /// has ended (after ``kill(_:)``); -1 before.
    var exitStatus: Int32 { status.withLock { $0 } ?? -1 }
}
