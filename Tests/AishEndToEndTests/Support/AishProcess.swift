import AishKit
import AishTestSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

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
    /// /dev/null) and waits for it. With `mergingErrors`, standard error goes into
    /// standard output's pipe (`2>&1`), and the result's `stdout` holds both.
    static func run(
        _ arguments: [String],
        stdin: String? = nil,
        environment: [String: String] = [:],
        executable: URL = binary,
        mergingErrors: Bool = false
    ) async throws -> ProcessResult {
        var env = ProcessInfo.processInfo.environment
        env["AISH_URL"] = nil
        env["NO_COLOR"] = nil
        // Sessions go to a folder of the test run's, never to the user's home.
        for (key, value) in SessionSandbox.shared.environment { env[key] = value }
        for (key, value) in environment { env[key] = value }
        let child = try SpawnedProcess.spawn(
            executable.path, arguments, environment: env, input: stdin == nil ? .null : .pipe, output: .pipe,
            errors: mergingErrors ? .sameAs(1) : .pipe)
        if let input = child.input, let stdin {
            _ = ignoreBrokenPipes
            Thread { SpawnedProcess.writeAll(Array(stdin.utf8), to: input) }.start()
        }
        return await child.finish()
    }
}

extension SpawnedProcess {
    /// Reads both outputs to their ends and reaps the child, blocking on threads of
    /// their own.
    func finish() async -> ProcessResult {
        let (output, errors) = (self.output, self.errors)
        async let stdoutData = onThreadOfItsOwn { output.map(SpawnedProcess.readToEnd) ?? [] }
        async let stderrData = onThreadOfItsOwn { errors.map(SpawnedProcess.readToEnd) ?? [] }
        let (o, e) = await (stdoutData, stderrData)
        let status = await onThreadOfItsOwn { self.wait() }
        return ProcessResult(status: status, stdout: Data(o), stderr: Data(e))
    }
}

/// Writing to a child that has already ended raises SIGPIPE, which would end the
/// whole test run: the write fails with EPIPE instead. Evaluated once.
let ignoreBrokenPipes: Void = {
    _ = signal(SIGPIPE, SIG_IGN)
}()
