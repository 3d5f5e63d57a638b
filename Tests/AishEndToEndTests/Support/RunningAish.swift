import AishKit
import Foundation

/// The real `aish` binary left running, its output collected as it comes, so a
/// test can act mid-reply (send SIGKILL, for instance).
final class RunningAish: @unchecked Sendable {
    // `Process` is used from the test's task only; the buffers are locked.
    private let process: Process
    private let output = LockedBox(Data())
    private let errors = LockedBox(Data())

    /// Starts `aish arguments…` with `environment` on top of ``AishProcess``'s.
    init(_ arguments: [String], environment: [String: String]) throws {
        process = Process()
        process.executableURL = AishProcess.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["AISH_URL"] = nil
        for (key, value) in SessionSandbox.shared.environment { env[key] = value }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = Self.collect(into: output)
        process.standardError = Self.collect(into: errors)
        try process.run()
    }

    private static func collect(into box: LockedBox<Data>) -> Pipe {
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                box.withLock { $0.append(data) }
            }
        }
        return pipe
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
        _ = Foundation.kill(process.processIdentifier, signal)
        let process = self.process
        await onThreadOfItsOwn { process.waitUntilExit() }
    }

    /// The exit status, once the process has ended (after ``kill(_:)``).
    var exitStatus: Int32 { process.terminationStatus }
}
