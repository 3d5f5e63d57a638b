import Foundation

/// What one run of the real `aish` binary produced.
struct ProcessResult: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    var output: String { String(decoding: stdout, as: UTF8.self) }
    var errors: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs the built `aish` binary with pipes, as a shell user would.
enum AishProcess {
    /// The `aish` executable built next to this test bundle.
    static let binary: URL = {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            here.appendingPathComponent("aish"),
            here.deletingLastPathComponent().appendingPathComponent("aish"),
            repositoryRoot.appendingPathComponent(".build/debug/aish"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }()

    /// The repository's root folder.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `aish arguments…` (or another `executable`) with `stdin` piped in (or
    /// /dev/null) and waits for it.
    static func run(
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String] = [:],
        executable: URL = binary
    ) async throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["AISH_URL"] = nil
        env["NO_COLOR"] = nil
        // Sessions go to a folder of the test run's, never to the user's home.
        for (key, value) in SessionSandbox.shared.environment { env[key] = value }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input: Pipe?
        if stdin != nil {
            let pipe = Pipe()
            process.standardInput = pipe
            input = pipe
        } else {
            process.standardInput = FileHandle.nullDevice
            input = nil
        }
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        if let input, let stdin {
            let handle = input.fileHandleForWriting
            Thread {
                handle.write(Data(stdin.utf8))
                try? handle.close()
            }.start()
        }
        async let stdoutData = readAll(out.fileHandleForReading)
        async let stderrData = readAll(err.fileHandleForReading)
        let (o, e) = await (stdoutData, stderrData)
        var status: Int32 = -1
        for await code in exited.stream {
            status = code
            break
        }
        return ProcessResult(status: status, stdout: o, stderr: e)
    }

    /// Reads to the end on a thread of its own.
    private static func readAll(_ handle: FileHandle) async -> Data {
        await onThreadOfItsOwn { handle.readDataToEndOfFile() }
    }
}

/// Runs `body`, which blocks (reading a pipe, waiting for a process or for a
/// database lock), on a thread of its own: on Linux, Swift concurrency runs on a
/// pool of as many threads as cores (two here), and a blocking call there starves
/// the mock servers that tests run in-process.
func onThreadOfItsOwn<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
