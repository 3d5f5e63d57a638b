import Foundation

/// `aish` running while a test reads its standard output as it comes, so the test
/// can act in the middle of a reply (kill the server, press Ctrl-C).
struct StreamingAish {
    let process: Process
    private let output: Pipe
    private let errors: Pipe
    private let exited: AsyncStream<Int32>

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
        let process = Process()
        process.executableURL = AishProcess.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in sandbox.environment.merging(extra, uniquingKeysWith: { $1 }) { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        return StreamingAish(process: process, output: output, errors: errors, exited: exited.stream)
    }

    /// The first bytes written to standard output, once there are some (empty at its end).
    func firstOutput() async -> Data {
        let handle = output.fileHandleForReading
        return await onThreadOfItsOwn { handle.availableData }
    }

    /// Reads the rest of both outputs and waits for the process to end.
    func finish() async -> Ending {
        async let outputData = Self.readToEnd(output.fileHandleForReading)
        async let errorData = Self.readToEnd(errors.fileHandleForReading)
        let data = await (outputData, errorData)
        var status: Int32 = -1
        for await code in exited {
            status = code
            break
        }
        return Ending(output: data.0, errors: String(decoding: data.1, as: UTF8.self), status: status)
    }

    /// Closes the reading end of standard output, as `head -1` does once it has its
    /// line, then reads standard error and waits for the process to end.
    func closeOutputAndFinish() async -> Ending {
        try? output.fileHandleForReading.close()
        let errorData = await Self.readToEnd(errors.fileHandleForReading)
        var status: Int32 = -1
        for await code in exited {
            status = code
            break
        }
        return Ending(output: Data(), errors: String(decoding: errorData, as: UTF8.self), status: status)
    }

    /// Everything left in `handle`, read on a thread of its own (a blocking read must
    /// not hold one of Swift's cooperative threads).
    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await onThreadOfItsOwn { handle.readDataToEndOfFile() }
    }
}
