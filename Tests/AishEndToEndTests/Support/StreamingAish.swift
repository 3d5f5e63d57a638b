import AishKit
import AishTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `aish` running while a test reads its standard output as it comes, so the test
/// can act in the middle of a reply (kill the server, press Ctrl-C).
struct StreamingAish {
    let process: SpawnedProcess

    /// What the run left behind.
    struct Ending {
        var output: Data
        var errors: String
        var status: Int32
    }

    /// Starts `aish arguments…` in the sandbox's environment (the shared one by default).
    static func start(
        _ arguments: [String], sandbox: SessionSandbox = .shared, environment extra: [String: String] = [:]
    ) throws -> StreamingAish {
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in sandbox.environment.merging(extra, uniquingKeysWith: { $1 }) { environment[key] = value }
        let process = try SpawnedProcess.spawn(
            AishProcess.binary.path, arguments, environment: environment, output: .pipe, errors: .pipe)
        return StreamingAish(process: process)
    }

    /// The first bytes written to standard output, once there are some (empty at its end).
    func firstOutput() async -> Data {
        guard let output = process.output else { return Data() }
        return await onThreadOfItsOwn {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = read(output, &buffer, buffer.count)
                if count >= 0 { return Data(buffer[0..<count]) }
                if errno != EINTR { return Data() }
            }
        }
    }

    /// Reads the rest of both outputs and waits for the process to end.
    func finish() async -> Ending {
        let result = await process.finish()
        return Ending(output: result.stdout, errors: result.errors, status: result.status)
    }

    /// Closes the reading end of standard output, as `head -1` does once it has its
    /// line, runs `afterClosing`, then reads standard error and waits for the process to end.
    func closeOutputAndFinish(afterClosing: () -> Void = {}) async -> Ending {
        if let output = process.output { close(output) }
        afterClosing()
        let process = self.process
        let errors = await onThreadOfItsOwn { process.errors.map(SpawnedProcess.readToEnd) ?? [] }
        let status = await onThreadOfItsOwn { process.wait() }
        return Ending(output: Data(), errors: String(decoding: errors, as: UTF8.self), status: status)
    }
}
