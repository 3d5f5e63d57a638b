import Foundation
import Testing

/// Settings through the real binary: flags > AISH_* > config.yaml > defaults,
/// `aish config show` and `aish config path`.
@Suite struct ConfigCommandTests {
    private func sandbox(yaml: String) throws -> SessionSandbox {
        let sandbox = SessionSandbox()
        let folder = (sandbox.path as NSString).appendingPathComponent("config/aish")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try yaml.write(toFile: folder + "/config.yaml", atomically: true, encoding: .utf8)
        return sandbox
    }

    @Test func flagsBeatVariablesWhichBeatTheFile() async throws {
        let sandbox = try sandbox(yaml: "url: http://127.0.0.1:7\n")
        defer { sandbox.remove() }
        var environment = sandbox.environment
        environment["AISH_URL"] = ""
        let fromFile = try await AishProcess.run(["apollo", "hi"], environment: environment)
        #expect(fromFile.status == 69)
        #expect(fromFile.errors.contains("http://127.0.0.1:7"))
        environment["AISH_URL"] = "http://127.0.0.1:8"
        let fromVariable = try await AishProcess.run(["apollo", "hi"], environment: environment)
        #expect(fromVariable.errors.contains("http://127.0.0.1:8"))
        let fromFlag = try await AishProcess.run(
            ["--url", "http://127.0.0.1:9", "apollo", "hi"], environment: environment)
        #expect(fromFlag.errors.contains("http://127.0.0.1:9"))
    }

    @Test func theDefaultSpecialistAndTransportComeFromTheFile() async throws {
        try await withFastMock { url in
            let sandbox = try sandbox(yaml: "url: \(url)\nspecialist: athena\ntransport: v1-post\n")
            defer { sandbox.remove() }
            var environment = sandbox.environment
            environment["AISH_URL"] = ""
            let chat = try await AishProcess.run(["-v", "--max-tokens", "5"], stdin: "hello", environment: environment)
            #expect(chat.status == 0, "\(chat.errors)")
            #expect(chat.errors.contains("athena"))
            #expect(chat.errors.contains("over v1 POST"))
        }
    }

    @Test func showListsEverySettingWithItsSourceAndRedactsTheToken() async throws {
        let sandbox = try sandbox(yaml: "color: never\nsession:\n  ttl: 3d\n")
        defer { sandbox.remove() }
        var environment = sandbox.environment
        environment["AISH_TOKEN"] = "tok-very-secret"
        environment["AISH_HISTORY_SIZE"] = "42"
        let show = try await AishProcess.run(["config", "show"], environment: environment)
        #expect(show.status == 0)
        #expect(!show.output.contains("tok-very-secret"))
        #expect(show.output.contains("set (redacted)"))
        #expect(show.output.contains("config.yaml:1"))
        #expect(show.output.contains("AISH_HISTORY_SIZE"))
        let json = try await AishProcess.run(["config", "show", "--json"], environment: environment)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: [String: String]])
        #expect(object["session.ttl"]?["value"] == "3d")
        #expect(object["history_size"]?["source"] == "AISH_HISTORY_SIZE")
        #expect(object["url"]?["source"] == "default")
        let path = try await AishProcess.run(["config", "path"], environment: environment)
        #expect(path.output == (sandbox.path as NSString).appendingPathComponent("config/aish/config.yaml") + "\n")
    }

    /// `aish config edit`: a missing file is made from the template (0600), the editor
    /// runs on it, and what it saved is checked; a bad key is named with its line and
    /// the file is kept as it was left.
    @Test func editMakesTheFileRunsTheEditorAndChecksWhatItSaved() async throws {
        let sandbox = SessionSandbox()
        defer { sandbox.remove() }
        let path = (sandbox.path as NSString).appendingPathComponent("config/aish/config.yaml")
        var environment = sandbox.environment
        environment["EDITOR"] = "true"
        environment["VISUAL"] = nil
        let made = try await AishProcess.run(["config", "edit"], environment: environment)
        #expect(made.status == 0, "\(made.errors)")
        #expect(made.errors.contains("made \(path)"))
        #expect(made.output.contains("\(path): fine"))
        let template = try String(contentsOfFile: path, encoding: .utf8)
        #expect(template.contains("# url: http://127.0.0.1:8003"))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Every command still works with the file as made.
        #expect(try await AishProcess.run(["config", "show"], environment: environment).errors.isEmpty)

        let edited = (sandbox.path as NSString).appendingPathComponent("edited.yaml")
        try "url: http://127.0.0.1:9\ncolour: never\n".write(toFile: edited, atomically: true, encoding: .utf8)
        environment["EDITOR"] = "cp '\(edited)'"
        let bad = try await AishProcess.run(["config", "edit"], environment: environment)
        #expect(bad.status == 78)
        #expect(bad.errors.contains("config.yaml:2: unknown key 'colour'; did you mean color?"))
        #expect(bad.errors.contains("is saved as you left it; fix it with `aish config edit`"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "url: http://127.0.0.1:9\ncolour: never\n")

        environment["EDITOR"] = "false"
        let failed = try await AishProcess.run(["config", "edit"], environment: environment)
        #expect(failed.status == 64)
        #expect(failed.errors.contains("it exited with status 1; \(path) was not checked"))
    }

    @Test func setIsNotACommandAndSaysWhereSettingsChange() async throws {
        let result = try await AishProcess.run(["config", "set", "url", "http://127.0.0.1:9"])
        #expect(result.status == 64)
        #expect(result.errors.contains("aish config has no 'set'. Change settings with `aish config edit`"))
    }

    @Test func aBadFileStopsEveryCommandWithTheLine() async throws {
        let sandbox = try sandbox(yaml: "url: http://127.0.0.1:7\ncolour: never\n")
        defer { sandbox.remove() }
        let result = try await AishProcess.run(["apollo", "hi"], environment: sandbox.environment)
        #expect(result.status == 78)
        #expect(result.errors.contains("config.yaml:2"))
        #expect(result.errors.contains("did you mean color?"))
    }

    @Test func theREADMEsTokenFileLineWorksWhenTheFileDoesNotExistAndTildeIsHOME() async throws {
        let sandbox = try sandbox(yaml: "token_file: ~/.config/aish/token\n")
        defer { sandbox.remove() }
        var environment = sandbox.environment
        environment["HOME"] = sandbox.path + "/home"
        let chat = try await AishProcess.run(["--mock", "apollo", "hi"], environment: environment)
        #expect(chat.status == 0, "\(chat.errors)")
        #expect(!chat.output.isEmpty)
        let show = try await AishProcess.run(["config", "show"], environment: environment)
        #expect(show.status == 0, "\(show.errors)")
        #expect(show.output.contains("token_file                   \(sandbox.path)/home/.config/aish/token"))
        // A file named by a variable (or a flag) must exist: aish says so before it connects.
        environment["AISH_TOKEN_FILE"] = sandbox.path + "/no-such-token"
        let named = try await AishProcess.run(
            ["--url", "http://127.0.0.1:9", "apollo", "hi"], environment: environment)
        #expect(named.status == 78)
        #expect(named.errors.contains("no-such-token"))
    }

    @Test func showNeverFailsAndNamesEveryProblem() async throws {
        let sandbox = try sandbox(yaml: "url: http://127.0.0.1:7\nhistory_size: lots\n")
        defer { sandbox.remove() }
        var environment = sandbox.environment
        environment["AISH_TIMEOUTS_SILENCE"] = "forever"
        let show = try await AishProcess.run(["config", "show"], environment: environment)
        #expect(show.status == 0)
        #expect(show.output.contains("http://127.0.0.1:7"))
        #expect(show.errors.contains("aish: problem: bad configuration in \(sandbox.path)/config/aish/config.yaml:2"))
        #expect(show.errors.contains("history_size is 'lots'"))
        #expect(show.errors.contains("AISH_TIMEOUTS_SILENCE: timeouts.silence is 'forever'"))
        // Every other command still stops at the first problem.
        let chat = try await AishProcess.run(["apollo", "hi"], environment: environment)
        #expect(chat.status == 78)

        // A key aish does not know stops the outline; what it knows is still shown.
        let misspelt = try self.sandbox(yaml: "url: http://127.0.0.1:7\ntrasnport: sse\ncolor: never\n")
        defer { misspelt.remove() }
        let shown = try await AishProcess.run(["config", "show"], environment: misspelt.environment)
        #expect(shown.status == 0)
        #expect(shown.output.contains("http://127.0.0.1:7"))
        #expect(shown.output.contains("color                        never"))
        #expect(shown.errors.contains("unknown key 'trasnport'; did you mean transport?"))
    }
}
