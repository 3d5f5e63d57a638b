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
        let process = Process()
        process.executableURL = AishProcess.binary
        process.arguments = ["mock", "--port", "0", "--tokens-per-second", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()

        let line = await Self.firstLine(of: out.fileHandleForReading)
        let url = try #require(line.split(separator: " ").last.map(String.init))
        #expect(line.hasPrefix("aish mock server listening on http://127.0.0.1:"))

        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: url + "/api/capabilities"), timeout: .seconds(10))
        #expect(response.status == .ok)

        kill(process.processIdentifier, signal)
        var status: Int32 = -1
        for await code in exited.stream {
            status = code
            break
        }
        #expect(status == 0)
        #expect(process.terminationReason == .exit)
    }

    @Test func refusesABadFaultSpecification() async throws {
        let result = try await AishProcess.run(["mock", "--fault", "explode=3"])
        #expect(result.status == 64)
        #expect(result.errors.contains("explode"))
    }

    /// Reads until the first newline, without waiting for the process to end.
    static func firstLine(of handle: FileHandle) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                var data = Data()
                while !data.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                let text = String(decoding: data, as: UTF8.self)
                continuation.resume(returning: String(text.split(separator: "\n").first ?? ""))
            }.start()
        }
    }
}
