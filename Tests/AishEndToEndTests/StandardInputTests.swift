import Foundation
import Testing

/// Standard input that cannot be read, or never ends, gets a clear error instead of
/// a trap or unbounded memory (issue 12, items 5 and 8).
@Suite struct StandardInputTests {
    /// Runs `aish ARGS` through `sh` with the redirection `redirect` of its standard input.
    private func run(_ arguments: [String], redirect: String) async throws -> ProcessResult {
        let quoted = ([AishProcess.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try await AishProcess.run(
            ["-c", "\(quoted) \(redirect)"], executable: URL(fileURLWithPath: "/bin/sh"))
    }

    @Test(arguments: ["<&-", "< /"])
    func anUnreadableStandardInputIsAnErrorNotACrash(redirect: String) async throws {
        try await withFastMock { url in
            let chat = try await run(["--url", url, "apollo", "hi"], redirect: redirect)
            #expect(chat.status == 64, "\(chat.errors)")
            #expect(chat.errors.hasPrefix("aish: error: "))
            #expect(chat.errors.contains("standard input"))
            let bulk = try await run(["bulk", "--url", url, "-"], redirect: redirect)
            #expect(bulk.status == 66, "\(bulk.errors)")
            #expect(bulk.errors.contains("standard input"))
        }
    }

    @Test func anEndlessStandardInputStopsAtTheMessageLimit() async throws {
        try await withFastMock { url in
            let quoted = "'\(AishProcess.binary.path)' --url '\(url)' apollo hi"
            let result = try await AishProcess.run(
                ["-c", "yes | \(quoted)"], executable: URL(fileURLWithPath: "/bin/sh"))
            #expect(result.status == 64)
            #expect(result.errors.contains("1048576 bytes"))
            #expect(result.output.isEmpty)
        }
    }

    /// Input that is not UTF-8 is refused before anything is sent, naming the first
    /// byte that is not; it used to go out as replacement characters.
    @Test(arguments: [
        ("printf 'caf\\351\\n'", "byte 0xE9 at offset 3"),
        ("printf 'ok\\000\\377\\376'", "byte 0xFF at offset 3"),
    ])
    func inputThatIsNotUTF8IsRefused(producer: String, named: String) async throws {
        try await withFastMock { url in
            let quoted = "'\(AishProcess.binary.path)' --url '\(url)' apollo hi"
            let result = try await AishProcess.run(
                ["-c", "\(producer) | \(quoted)"], executable: URL(fileURLWithPath: "/bin/sh"))
            #expect(result.status == 64, "\(result.errors)")
            #expect(result.errors.contains("invalid value '\(named)' for standard input: it is not UTF-8 text"))
            #expect(result.output.isEmpty)
        }
    }
}
