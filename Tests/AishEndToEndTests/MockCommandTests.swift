import AishKit
import AishTestSupport
import AsyncHTTPClient
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `aish mock` as a separate process: prints its URL, serves, stops on a signal.
@Suite struct MockCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func servesUntilSignalledThenExitsCleanly(signal: Int32) async throws {
        let mock = try await RunningMock.start(["mock", "--port", "0", "--tokens-per-second", "0"])
        #expect(mock.line.hasPrefix("aish mock server listening on http://127.0.0.1:"))

        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: mock.url + "/api/capabilities"), timeout: .seconds(10))
        #expect(response.status == .ok)

        // 0, not 128 + the signal: the mock caught it and ended on its own.
        #expect(await mock.stop(signal) == 0)
        // Nothing on standard error: no framework log lines for a newcomer to wonder about.
        #expect(await mock.errors() == "")
    }

    @Test func rhetorServesOnlyRhetorsRoutes() async throws {
        let mock = try await RunningMock.start(["mock", "--rhetor", "--port", "0", "--rhetor-pace", "0"])
        #expect(mock.line.hasPrefix("aish mock server (Tekton's Rhetor v1, as it runs today) listening on http://"))
        let capabilities = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: mock.url + "/api/capabilities"), timeout: .seconds(10))
        #expect(capabilities.status == .notFound)
        #expect(String(buffer: try await capabilities.body.collect(upTo: 1024)) == #"{"detail":"Not Found"}"#)
        let specialists = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: mock.url + "/api/v1/ai/specialists"), timeout: .seconds(10))
        #expect(String(buffer: try await specialists.body.collect(upTo: 1 << 16)).contains(#""ai_id":"apollo-ci""#))
        #expect(await mock.stop(SIGTERM) == 0)

        let refused = try await AishProcess.run(["mock", "--rhetor", "--rhetor-pace=-5"])
        #expect(refused.status == 64)
        #expect(refused.errors.contains("--rhetor-pace"))
    }

    /// The mock's tokens come from 0600 files, out of sight of `ps`; one on the
    /// command line still works, with a warning.
    @Test func acceptsTokensFromPrivateFiles() async throws {
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        let path = (sandbox.path as NSString).appendingPathComponent("mock-token")
        _ = FileManager.default.createFile(atPath: path, contents: Data("tok-from-file\n".utf8))
        chmod(path, 0o644)
        let unsafe = try await AishProcess.run(["mock", "--port", "0", "--token-file", path])
        #expect(unsafe.status == 78)
        #expect(unsafe.errors.contains("may be read by others"))
        #expect(!unsafe.errors.contains("tok-from-file"))

        chmod(path, 0o600)
        let mock = try await RunningMock.start(["mock", "--port", "0", "--token-file", path])
        let chat = ["--url", mock.url, "--max-tokens", "3", "apollo", "hi"]
        let accepted = try await AishProcess.run(chat, environment: ["AISH_TOKEN": "tok-from-file"])
        #expect(accepted.status == 0, "\(accepted.errors)")
        let refused = try await AishProcess.run(chat, environment: ["AISH_TOKEN": "tok-other"])
        #expect(refused.status == 77)
        #expect(await mock.stop(SIGTERM) == 0)
    }

    @Test func refusesABadFaultSpecification() async throws {
        let result = try await AishProcess.run(["mock", "--fault", "explode=3"])
        #expect(result.status == 64)
        #expect(result.errors.contains("explode"))
    }

    /// Reads until the first newline, without waiting for the process to end (the
    /// descriptor stays open: the process may write more).
    static func firstLine(of descriptor: Int32) async -> String {
        await onThreadOfItsOwn {
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !data.contains(UInt8(ascii: "\n")) {
                let count = read(descriptor, &buffer, buffer.count)
                if count > 0 {
                    data.append(contentsOf: buffer[0..<count])
                } else if count == 0 || errno != EINTR {
                    break
                }
            }
            let text = String(decoding: data, as: UTF8.self)
            return String(text.split(separator: "\n").first ?? "")
        }
    }
}

/// An `aish mock` process that has printed the URL it listens on.
struct RunningMock {
    let process: SpawnedProcess
    /// The first line it printed, and the URL at its end.
    let line: String
    let url: String

    /// Everything written to standard error, once the process has ended.
    func errors() async -> String {
        let errors = process.errors
        return String(decoding: await onThreadOfItsOwn { errors.map(SpawnedProcess.readToEnd) ?? [] }, as: UTF8.self)
    }

    /// Starts `aish ARGUMENTS` and waits for its first line.
    static func start(_ arguments: [String]) async throws -> RunningMock {
        let process = try SpawnedProcess.spawn(
            AishProcess.binary.path, arguments, environment: ProcessInfo.processInfo.environment, output: .pipe,
            errors: .pipe)
        let line = await MockCommandTests.firstLine(of: process.output ?? -1)
        guard let url = line.split(separator: " ").last.map(String.init) else {
            process.send(SIGKILL)
            throw MockDidNotStart(line: line)
        }
        return RunningMock(process: process, line: line, url: url)
    }

    /// Sends `signal` and returns the exit status (128 + a signal it did not catch).
    func stop(_ signal: Int32) async -> Int32 {
        process.send(signal)
        let process = self.process
        let status = await onThreadOfItsOwn { process.wait() }
        if let output = process.output { close(output) }
        return status
    }

    struct MockDidNotStart: Error {
        let line: String
    }
}
