import Foundation
import Testing

/// The checked-in bash completion script, driven the way bash drives it on Tab: a
/// non-interactive bash sources `completions/aish.bash`, sets `COMP_WORDS` and
/// `COMP_CWORD`, calls `_aish`, and prints `COMPREPLY`. The script runs the real
/// `aish` binary (first on `PATH`), which answers from the sandbox's local files.
@Suite struct CompletionTests {
    /// A discovery cache naming a specialist and a capability the mock does not
    /// have, so a candidate can only have come from this file.
    private static let discoveryCache = """
        {"version": 1, "servers": {"http://127.0.0.1:8003": {
          "server": "http://127.0.0.1:8003", "fetchedAt": 1790000000, "source": "v2", "bestMatches": {},
          "specialists": [
            {"id": "zephyr-ci", "name": "Zephyr", "status": "active", "primary": ["weather-lore"], "scores": {}},
            {"id": "zeno-ci", "name": "Zeno", "status": "inactive", "primary": [], "scores": {"paradoxes": 0.9}}
          ]}}}
        """

    @Test func theScriptsPassBashSyntaxCheck() async throws {
        let script = AishProcess.repositoryRoot.appendingPathComponent("completions/aish.bash").path
        let check = try await Bash.run(["-n", script], environment: [:])
        #expect(check.status == 0, "bash -n: \(check.errors)")
        #expect(check.errors.isEmpty)
    }

    /// The binary writes the checked-in scripts in each form of the flag, and help names
    /// the command as it is: a command line without the flag is spared the parser's
    /// search for it, and that must change nothing the parser writes.
    @Test func theBinaryWritesItsScriptsAndItsHelpNamesItself() async throws {
        let files = ["bash": "completions/aish.bash", "zsh": "completions/_aish", "fish": "completions/aish.fish"]
        for (shell, arguments) in [
            ("bash", ["--generate-completion-script", "bash"]), ("zsh", ["--generate-completion-script=zsh"]),
            ("fish", ["chat", "--generate-completion-script", "fish"]),
        ] {
            let result = try await AishProcess.run(arguments)
            let file = AishProcess.repositoryRoot.appendingPathComponent(files[shell] ?? "")
            #expect(result.status == 0, "\(arguments): \(result.errors)")
            #expect(result.stdout == (try Data(contentsOf: file)), "\(arguments)")
        }
        let help = try await AishProcess.run(["chat", "--help"])
        #expect(help.output.contains("USAGE: aish chat [<options>] [<specialist>] [<message> ...]"))
        let root = try await AishProcess.run(["--help"])
        #expect(root.output.contains("USAGE: aish <subcommand>"), "\(root.output)")
    }

    @Test func aSpecialistNameIsCompletedFromTheDiscoveryCache() async throws {
        try await SessionSandbox.with { sandbox in
            try writeDiscoveryCache(in: sandbox)
            let zephyr = try await Bash.complete(["chat", "zep"], sandbox)
            #expect(zephyr.candidates == ["zephyr-ci"])
            #expect(zephyr.errors.isEmpty, "stderr: \(zephyr.errors)")
            let all = try await Bash.complete(["chat", "ze"], sandbox)
            #expect(all.candidates.sorted() == ["zeno-ci", "zephyr-ci"])
            // With `@` bash completes capabilities (inactive specialists' ones too).
            let capabilities = try await Bash.complete(["chat", "@"], sandbox)
            #expect(capabilities.candidates.sorted() == ["@paradoxes", "@weather-lore"])
        }
    }

    @Test func aServerNotInTheCacheGetsEveryCachedName() async throws {
        try await SessionSandbox.with { sandbox in
            try writeDiscoveryCache(in: sandbox)
            // Port 9 has no server: completion never asks one, so it neither waits nor fails.
            let other = try await Bash.complete(["chat", "--url", "http://127.0.0.1:9", "zep"], sandbox)
            #expect(other.candidates == ["zephyr-ci"])
            #expect(other.errors.isEmpty, "stderr: \(other.errors)")
        }
    }

    @Test func sessionIDsAreCompletedWithoutTouchingTheDatabase() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                for who in ["apollo", "athena"] {
                    let chat = try await AishProcess.run(
                        ["--url", url, who, "hello"], environment: sandbox.environment)
                    #expect(chat.status == 0, "stderr: \(chat.errors)")
                }
            }
            let listed = try await AishProcess.run(["sessions", "--json"], environment: sandbox.environment)
            let sessions = try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]]
            let ids = (sessions ?? []).compactMap { $0["id"] as? String }
            try #require(ids.count == 2)
            let folder = (sandbox.databasePath as NSString).deletingLastPathComponent
            let before = try files(in: folder)

            let shown = try await Bash.complete(["sessions", "show", String(ids[0].prefix(3))], sandbox)
            #expect(shown.candidates == [ids[0]])
            #expect(shown.errors.isEmpty, "stderr: \(shown.errors)")
            let continued = try await Bash.complete(["chat", "--session", ""], sandbox)
            #expect(continued.candidates == ids)
            let deleted = try await Bash.complete(["sessions", "delete", ids[1], ""], sandbox)
            #expect(Set(deleted.candidates) == Set(ids))
            // A read-only look: no `-wal`/`-shm` files left behind, nothing changed.
            #expect(try files(in: folder) == before)
        }
    }

    @Test func withNothingStoredCompletionIsEmptySilentAndCreatesNothing() async throws {
        try await SessionSandbox.with { sandbox in
            for words in [["chat", ""], ["chat", "--session", ""], ["sessions", "export", ""]] {
                let result = try await Bash.complete(words, sandbox)
                #expect(result.candidates.isEmpty, "\(words): \(result.candidates)")
                #expect(result.errors.isEmpty, "\(words): \(result.errors)")
            }
            // No database, key or cache was made.
            #expect(try files(in: sandbox.path).isEmpty)
        }
    }

    private func writeDiscoveryCache(in sandbox: SessionSandbox) throws {
        let folder = (sandbox.path as NSString).appendingPathComponent("cache/aish")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(Self.discoveryCache.utf8).write(
            to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("discovery.json")))
    }

    /// Every file and folder under `path`, with its size, sorted.
    private func files(in path: String) throws -> [String] {
        let manager = FileManager.default
        return (manager.subpaths(atPath: path) ?? []).sorted().map { name in
            let attributes = try? manager.attributesOfItem(atPath: (path as NSString).appendingPathComponent(name))
            return "\(name) \(attributes?[.size] as? Int ?? -1)"
        }
    }
}

/// Runs bash with pipes.
enum Bash {
    /// What the completion function offered, and what was written to standard error.
    struct Completion {
        var candidates: [String]
        var errors: String
    }

    /// Completes `aish words…` (the last word is the one being completed) with the
    /// checked-in script, in `sandbox`'s XDG folders.
    static func complete(_ words: [String], _ sandbox: SessionSandbox) async throws -> Completion {
        let script = AishProcess.repositoryRoot.appendingPathComponent("completions/aish.bash").path
        let program = """
            source "$1" || exit 3
            shift
            COMP_WORDS=(aish "$@")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            _aish aish "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try await run(["-c", program, "bash", script] + words, environment: sandbox.environment)
        guard result.status == 0 else {
            throw CompletionFailure(words: words, status: result.status, errors: result.errors)
        }
        return Completion(
            candidates: result.output.split(separator: "\n").map(String.init), errors: result.errors)
    }

    struct CompletionFailure: Error, CustomStringConvertible {
        var words: [String]
        var status: Int32
        var errors: String
        var description: String { "completing \(words) exited \(status): \(errors)" }
    }

    /// Runs `bash arguments…` with the built `aish` first on `PATH` and `environment` added.
    static func run(_ arguments: [String], environment: [String: String]) async throws -> ProcessResult {
        let folder = AishProcess.binary.deletingLastPathComponent().path
        let path = folder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try await AishProcess.run(
            arguments, environment: environment.merging(["PATH": path]) { $1 },
            executable: URL(fileURLWithPath: "/bin/bash"))
    }
}
