import Foundation
import Testing

/// `aish team` (issue 13) through the real binary: against the Rhetor profile
/// (Rhetor's own team chat) and the v2 mock (one chat per specialist).
@Suite(.timeLimit(.minutes(2))) struct TeamCommandTests {
    private struct Shown: Decodable {
        struct Message: Decodable {
            var role: String
            var specialist: String
        }
        var specialist: String
        var messages: [Message]
    }

    /// The healthy specialists' bare names, from `aish specialists --json`.
    private func healthy(at url: String) async throws -> [String] {
        let result = try await AishProcess.run(["specialists", "--url", url, "--json"])
        #expect(result.status == 0, "\(result.errors)")
        let roster = try JSONSerialization.jsonObject(with: result.stdout) as? [[String: Any]] ?? []
        return roster.filter { $0["healthy"] as? Bool == true }.compactMap { $0["id"] as? String }
            .map { $0.hasSuffix("-ci") ? String($0.dropLast(3)) : $0 }
    }

    @Test func everyHealthySpecialistOfRhetorAnswersAndTheChatIsSaved() async throws {
        try await SessionSandbox.with { sandbox in
            try await withRhetorMock { url in
                let names = try await healthy(at: url)
                #expect(names.count > 2)
                let result = try await AishProcess.run(
                    ["--url", url, "team", "hello team", "-v"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.errors.contains("through Rhetor's team chat"))
                for name in names {
                    #expect(result.output.contains("## \(name)\n\n## "), "no answer from \(name)")
                }
                #expect(result.output.contains("That is all from *Apollo*."))

                let sessions = try await sandbox.listedSessions()
                #expect(sessions.count == 1)
                let session = try #require(sessions.first)
                #expect(session.specialist == "team")
                #expect(session.messageCount == names.count + 1)
                let show = try await AishProcess.run(
                    ["sessions", "show", session.id, "--json"], environment: sandbox.environment)
                let decoder = JSONDecoder()
                decoder.keyDecodingStrategy = .convertFromSnakeCase
                let shown = try decoder.decode(Shown.self, from: show.stdout)
                #expect(shown.messages.first?.role == "user")
                #expect(shown.messages.first?.specialist == "team")
                #expect(Set(shown.messages.dropFirst().map(\.specialist)) == Set(names.map { $0 + "-ci" }))
            }
        }
    }

    @Test func chosenSpecialistsOnAV2ServerAnswerAsJSON() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                // Tekton's name for it, with the options before the command.
                let result = try await AishProcess.run(
                    ["--url", url, "team-chat", "--to", "apollo,athena", "--json", "what now?"],
                    environment: sandbox.environment)
                #expect(result.status == 0, "\(result.errors)")
                let object = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
                let results = try #require(object?["results"] as? [String: [String: Any]])
                #expect(Set(results.keys) == ["apollo", "athena"])
                for (name, answer) in results {
                    #expect(answer["status"] as? String == "success")
                    #expect((answer["response"] as? String)?.contains("what now?") == true, "\(name)")
                }
            }
        }
    }

    @Test func anUnknownNameInToIsTheDidYouMeanErrorAndNothingIsSent() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let result = try await AishProcess.run(
                    ["team", "--url", url, "--to", "apollo,athen", "hi"], environment: sandbox.environment)
                #expect(result.status == 67)
                #expect(result.errors.contains("no specialist named 'athen'. Did you mean: athena?"))
                #expect(result.output.isEmpty)
                #expect(try await sandbox.listedSessions().isEmpty)
            }
        }
    }

    /// On a terminal: each answer rendered in full, then the live view's final line
    /// per specialist and the summary.
    @Test func onATerminalTheAnswersShowAboveTheLiveView() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let terminal = try PseudoTerminal(
                    ["--url", url, "team", "--to", "apollo,athena", "hello team"],
                    environment: sandbox.environment.merging(["NO_COLOR": "1"]) { $1 })
                #expect(try await terminal.waitForExit() == 0, "\(terminal.screen)")
                let screen = terminal.screen
                #expect(screen.contains("Apollo on “hello team”"), "\(screen)")
                #expect(screen.contains("Athena on “hello team”"), "\(screen)")
                #expect(!screen.contains("## apollo"), "the answers are rendered: \(screen)")
                #expect(!screen.contains("waiting"), "the live lines were drawn over: \(screen)")
                #expect(screen.contains("✓ apollo"), "\(screen)")
                #expect(screen.contains("✓ athena"), "\(screen)")
                #expect(screen.contains("2 succeeded"), "\(screen)")
            }
        }
    }
}
