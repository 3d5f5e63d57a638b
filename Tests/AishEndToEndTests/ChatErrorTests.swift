import AishMockServer
import Foundation
import Testing

/// Every user-facing error of a one-shot chat: a clear message on stderr and a
/// documented exit status.
@Suite struct ChatErrorTests {
    @Test func unreachableServerNamesTheURLAndTheWayOut() async throws {
        let url = "http://127.0.0.1:9"  // the discard port: nothing listens there
        let result = try await AishProcess.run(["--url", url, "apollo", "hello"])
        #expect(result.status == 69)
        #expect(result.errors.contains(url))
        #expect(result.errors.contains("aish mock"))
        #expect(result.errors.contains("--url"))
        #expect(result.output.isEmpty)
    }

    /// Output that cannot be written (a full disk) says so and exits 74; a reader
    /// that went away (`| head -1`) stays quiet, as `cat` does.
    @Test(arguments: [["--max-tokens", "5", "apollo", "hi"], ["--max-tokens", "5", "--json", "apollo", "hi"]])
    func aFullDiskIsAnErrorThatSaysSo(arguments: [String]) async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(
                ["-c", #"exec "$0" "$@" > /dev/full"#, AishProcess.binary.path, "--url", url] + arguments,
                executable: URL(fileURLWithPath: "/bin/sh"))
            #expect(result.status == 74)
            #expect(result.errors.contains("aish: error: cannot write the output (No space left on device)"))
            #expect(result.errors.contains("free some space"))
        }
    }

    @Test func unknownSpecialistListsCloseMatches() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["--url", url, "apolo", "hello"])
            #expect(result.status == 67)
            #expect(result.errors.contains("apolo"))
            #expect(result.errors.contains("apollo"))
        }
    }

    @Test func unhealthySpecialistIsUnavailable() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["--url", url, "hermes", "hello"])
            #expect(result.status == 69)
            #expect(result.errors.contains("hermes"))
            #expect(result.errors.contains("unavailable"))
        }
    }

    @Test func emptyMessageIsRefused() async throws {
        try await withFastMock { url in
            let result = try await AishProcess.run(["--url", url, "apollo", "   "])
            #expect(result.status == 64)
            #expect(result.errors.contains("empty"))
        }
    }

    /// A negative number is the option's value, refused by its range, not "Missing
    /// value" (the parser took `-1` for an option).
    @Test(arguments: [
        (["apollo", "hi", "--max-tokens", "-1"], "--max-tokens must be a positive whole number, not -1."),
        (["apollo", "hi", "--temperature", "-0.5"], "--temperature must be between 0 and 2, not -0.5."),
        (["discover", "--min-score", "-1"], "--min-score must be between 0 and 1, not -1.0."),
        (["sessions", "list", "--limit", "-3"], "--limit must be a positive whole number, not -3."),
        (["bulk", "plan.json", "--retries", "-1"], "--retries must be from 0 to 10, not -1."),
    ])
    func aNegativeNumberIsTheValueAndItsRangeIsNamed(_ arguments: [String], message: String) async throws {
        let result = try await AishProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(!result.errors.contains("Missing value"))
    }

    @Test func badOptionValueNamesTheValue() async throws {
        let result = try await AishProcess.run(["apollo", "hi", "--max-tokens", "0"])
        #expect(result.status == 64)
        #expect(result.errors.contains("not 0"))
    }

    /// The argument parser's errors read like every other error: `aish: error: …`,
    /// then how to use the command (issue 14, point 5).
    @Test(arguments: [["apollo", "hi", "--max-tokens", "0"], ["--no-such-option"], ["bulk"]])
    func commandLineErrorsHaveTheOneErrorForm(arguments: [String]) async throws {
        let result = try await AishProcess.run(arguments)
        #expect(result.status == 64)
        #expect(result.errors.hasPrefix("aish: error: "), "\(result.errors)")
        #expect(!result.errors.contains("Error: "))
        #expect(result.errors.contains("Usage: aish"))
    }

    @Test func badURLNamesTheURL() async throws {
        let result = try await AishProcess.run(["--url", "ftp://example", "apollo", "hi"])
        #expect(result.status == 64)
        #expect(result.errors.contains("ftp://example"))
    }

    /// The slips a newcomer makes in an address get the address to write: no scheme
    /// (`--url localhost:8003`, `AISH_URL=…`), and Tekton's own `/api` path.
    @Test func aURLWithoutItsSchemeOrWithTektonsAPIPathSaysWhatToWrite() async throws {
        try await withFastMock { url in
            let bare = String(url.dropFirst("http://".count))
            let result = try await AishProcess.run(["--url", bare, "apollo", "hi"])
            #expect(result.status == 64)
            #expect(
                result.errors
                    == "aish: error: invalid value '\(bare)' for --url: it has no http:// or https://; give \(url) "
                    + "(https:// if the server has TLS)\n")
            let variable = try await AishProcess.run(["apollo", "hi"], environment: ["AISH_URL": bare])
            #expect(variable.status == 78)
            #expect(variable.errors.contains("give \(url) (https:// if the server has TLS)"))
            let api = try await AishProcess.run(["--url", url + "/api", "apollo", "hi"])
            #expect(api.status == 69)
            #expect(api.errors.hasSuffix("to the address itself; give the server's address alone, \(url).\n"))
        }
    }

    @Test func fatalErrorMidStreamKeepsThePartialText() async throws {
        try await withFastMock(faults: FaultPlan(fatalErrorAt: 10)) { url in
            let full = try await MockReference.reply(at: url, specialist: "apollo", message: "fail midway")
            let result = try await AishProcess.run(["--url", url, "apollo", "fail midway"])
            #expect(result.status == 1)
            #expect(!result.output.isEmpty)
            #expect(full.hasPrefix(result.output))
            #expect(result.output.count < full.count)
            #expect(result.errors.contains("UPSTREAM_FAILED"))
        }
    }

    @Test func recoverableErrorIsShownAndTheReplyGoesOn() async throws {
        try await withFastMock(faults: FaultPlan(recoverableErrorAt: 5)) { url in
            let full = try await MockReference.reply(at: url, specialist: "apollo", message: "keep going")
            let result = try await AishProcess.run(["--url", url, "apollo", "keep going"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == full)
            #expect(result.errors.contains("UPSTREAM_SLOW"))
        }
    }

    @Test(arguments: ["ws", "sse", "v1", "v1-post"])
    func theTimeoutsAreConfiguredAndNamedInTheError(transport: String) async throws {
        try await withFastMock(firstTokenLatency: 30) { url in
            let result = try await AishProcess.run(
                ["--url", url, "--transport", transport, "apollo", "think long"],
                environment: ["AISH_TIMEOUTS_FIRST_ANSWER": "1000ms", "AISH_TIMEOUTS_SILENCE": "1"])
            #expect(result.status == 1, "\(transport): \(result.errors)")
            #expect(result.errors.contains("the reply from apollo was cut off"), "\(transport): \(result.errors)")
            #expect(result.errors.contains("within 1 s)"), "\(transport): \(result.errors)")
        }
    }

    @Test func droppedConnectionIsResumedWithoutLossOrRepeat() async throws {
        try await withFastMock(faults: FaultPlan(dropAfterEvents: 7)) { url in
            let full = try await MockReference.reply(at: url, specialist: "athena", message: "resume me")
            let result = try await AishProcess.run(["--url", url, "athena", "resume me"])
            #expect(result.status == 0, "stderr: \(result.errors)")
            #expect(result.output == full)
        }
    }

    @Test func unavailableFaultIsReportedAsUnavailable() async throws {
        try await withFastMock(faults: FaultPlan(unavailable: true)) { url in
            let result = try await AishProcess.run(["--url", url, "apollo", "anyone there"])
            #expect(result.status == 69)
            #expect(result.errors.contains("unavailable"))
        }
    }

    @Test func errorsNeverEchoTheMessage() async throws {
        try await withFastMock(faults: FaultPlan(fatalErrorAt: 3)) { url in
            let secret = "my-secret-message-4711"
            let result = try await AishProcess.run(["--url", url, "apollo", secret])
            #expect(result.status == 1)
            #expect(!result.errors.contains(secret))
        }
    }
}
