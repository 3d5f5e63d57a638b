import Foundation
import Testing

/// Issue 14, point 1: a prompt with no specialist, through the real binary.
@Suite struct PromptWithoutSpecialistTests {
    @Test func aQuotedPromptAloneGoesToTheDefaultSpecialist() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let expected = try await MockReference.reply(at: url, specialist: "apollo", message: "what is a graph")
                let result = try await AishProcess.run(
                    ["--url", url, "what is a graph"], environment: sandbox.environment)
                #expect(result.status == 0, "stderr: \(result.errors)")
                #expect(result.output == expected)
            }
        }
    }

    @Test func theConfiguredSpecialistTakesAPromptAlone() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                var env = sandbox.environment
                env["AISH_SPECIALIST"] = "athena"
                let expected = try await MockReference.reply(at: url, specialist: "athena", message: "what is a graph")
                let quoted = try await AishProcess.run(["--url", url, "what is a graph"], environment: env)
                #expect(quoted.status == 0, "stderr: \(quoted.errors)")
                #expect(quoted.output == expected)
                let words = try await AishProcess.run(["--url", url, "what", "is", "a", "graph"], environment: env)
                #expect(words.status == 0, "stderr: \(words.errors)")
                #expect(words.output == expected)
            }
        }
    }

    @Test func pipedTextAloneGoesToTheDefaultSpecialist() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let expected = try await MockReference.reply(at: url, specialist: "apollo", message: "hi\n")
                let result = try await AishProcess.run(["--url", url], stdin: "hi\n", environment: sandbox.environment)
                #expect(result.status == 0, "stderr: \(result.errors)")
                #expect(result.output == expected)
            }
        }
    }

    @Test func aMisspeltSpecialistIsNotSentAsText() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let result = try await AishProcess.run(["--url", url, "apolo", "hi"], environment: sandbox.environment)
                #expect(result.status == 67)
                #expect(result.errors.contains("apollo"), "stderr: \(result.errors)")
                #expect(result.output.isEmpty)
                #expect(try await sandbox.listedSessions().isEmpty)
            }
        }
    }

    @Test func continueAloneKeepsItsSpecialist() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let env = sandbox.environment
                let first = try await AishProcess.run(
                    ["--url", url, "--transport", "v1", "athena", "first question"], environment: env)
                #expect(first.status == 0, "stderr: \(first.errors)")
                let next = try await AishProcess.run(
                    ["--url", url, "--transport", "v1", "-c", "what next?"], environment: env)
                #expect(next.status == 0, "stderr: \(next.errors)")
                let sessions = try await sandbox.listedSessions()
                #expect(sessions.count == 1)
                #expect(sessions.first?.specialist.hasPrefix("athena") == true)
                #expect(sessions.first?.messageCount == 4)
            }
        }
    }

    @Test func continueWithANameTakesThatSpecialistsLatest() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let env = sandbox.environment
                for (name, text) in [("apollo", "one"), ("athena", "two")] {
                    let run = try await AishProcess.run(
                        ["--url", url, "--transport", "v1", name, text], environment: env)
                    #expect(run.status == 0, "stderr: \(run.errors)")
                }
                let more = try await AishProcess.run(
                    ["--url", url, "--transport", "v1", "-c", "apollo", "three"], environment: env)
                #expect(more.status == 0, "stderr: \(more.errors)")
                let sessions = try await sandbox.listedSessions()
                #expect(sessions.count == 2)
                let apollo = sessions.first { $0.specialist.hasPrefix("apollo") }
                let athena = sessions.first { $0.specialist.hasPrefix("athena") }
                #expect(apollo?.messageCount == 4)
                #expect(athena?.messageCount == 2)
            }
        }
    }
}
