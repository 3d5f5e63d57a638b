import Foundation
import Testing

@testable import AishKit

/// config.yaml and the AISH_* variables, read through swift-configuration.
@Suite struct SettingsLoaderTests {
    /// A config folder holding `yaml` as aish/config.yaml (none when nil).
    private func environment(_ yaml: String?, _ variables: [String: String] = [:]) throws -> [String: String] {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder + "/aish", withIntermediateDirectories: true)
        if let yaml { try yaml.write(toFile: folder + "/aish/config.yaml", atomically: true, encoding: .utf8) }
        return variables.merging(["XDG_CONFIG_HOME": folder]) { $1 }
    }

    @Test func everyKeyIsReadFromTheFileWithItsLine() async throws {
        let yaml = """
            # aish settings
            url: https://tekton.example:8443
            token_file: /etc/aish/token
            specialist: athena
            transport: sse
            color: never
            thinking: hide
            history_size: 500
            session:
              ttl: 12h   # half a day
              checkpoint_interval: 100ms
            """
        let environment = try environment(yaml)
        let settings = try await SettingsLoader.load(environment: environment)
        let path = SettingsLoader.path(environment: environment)
        #expect(settings.url == "https://tekton.example:8443")
        #expect(settings.tokenFile == "/etc/aish/token")
        #expect(settings.specialist == "athena")
        #expect(settings.transport == .sse)
        #expect(settings.color == .never)
        #expect(settings.showsThinking == false)
        #expect(settings.historySize == 500)
        #expect(settings.sessionTTL == SessionAge(parsing: "12h"))
        #expect(settings.checkpointInterval == .milliseconds(100))
        #expect(settings.sources["url"] == .file(path: path, line: 2))
        #expect(settings.sources["session.ttl"] == .file(path: path, line: 10))
    }

    @Test func variablesWinOverTheFileAndEmptyOnesDoNotCount() async throws {
        let environment = try environment(
            "url: http://from-file:1\ntransport: sse\ncolor: never\nthinking: hide\n",
            ["AISH_URL": "http://from-env:2", "AISH_TRANSPORT": "ws", "AISH_COLOR": "", "AISH_THINKING": "Show"])
        let settings = try await SettingsLoader.load(environment: environment)
        #expect(settings.url == "http://from-env:2")
        #expect(settings.sources["url"] == .environment("AISH_URL"))
        #expect(settings.transport == .websocket)
        #expect(settings.color == .never)
        #expect(settings.showsThinking == true)
    }

    @Test func noFileMeansNothingIsSet() async throws {
        let settings = try await SettingsLoader.load(environment: try environment(nil))
        #expect(settings == AishSettings())
    }

    @Test func anUnknownKeyNamesItsLineAndTheCloseMatch() async throws {
        let environment = try environment("url: http://x:1\nsession:\n  tll: 3d\n")
        await #expect(throws: AishError.self) { try await SettingsLoader.load(environment: environment) }
        do {
            _ = try await SettingsLoader.load(environment: environment)
        } catch {
            #expect(error.description.contains("config.yaml:3"))
            #expect(error.description.contains("unknown key 'session.tll'"))
            #expect(error.description.contains("did you mean session.ttl?"))
            #expect(error.exitCode == 78)
        }
    }

    @Test(arguments: [
        ("history_size: lots\n", "history_size is 'lots'"),
        ("transport: carrier-pigeon\n", "transport is 'carrier-pigeon'"),
        ("url: ftp://x\n", "url is 'ftp://x'"),
        ("color: sometimes\n", "color is 'sometimes'"),
        ("thinking: maybe\n", "thinking is 'maybe'; expected show or hide"),
        ("session:\n  checkpoint_interval: 5\n", "session.checkpoint_interval is '5'"),
        ("timeouts:\n  connect: 50ms\n", "timeouts.connect is '50ms'; expected a duration"),
        ("timeouts:\n  silence: 25h\n", "timeouts.silence is '25h'"),
        ("timeouts:\n  first_answer: soon\n", "timeouts.first_answer is 'soon'"),
        ("timeouts:\n  first_answer: 1e400\n", "timeouts.first_answer is '1e400'"),
        ("url: \"unclosed\n", "not valid YAML"),
    ])
    func badValuesNameTheKeyAndWhatIsExpected(yaml: String, expected: String) async throws {
        let environment = try environment(yaml)
        do {
            _ = try await SettingsLoader.load(environment: environment)
            Issue.record("\(yaml) was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.description.contains("config.yaml"))
        }
    }

    @Test func timeoutsComeFromTheFileAndTheVariables() async throws {
        let environment = try environment(
            "timeouts:\n  connect: 3s\n  first_answer: 1.5m\n  silence: 45\n", ["AISH_TIMEOUTS_SILENCE": "500ms"])
        let settings = try await SettingsLoader.load(environment: environment)
        #expect(
            settings.timeouts == Timeouts(connect: .seconds(3), firstAnswer: .seconds(90), silence: .milliseconds(500)))
        #expect(settings.sources["timeouts.silence"] == .environment("AISH_TIMEOUTS_SILENCE"))
        let report = SettingsReport(settings: settings, path: "config.yaml", token: nil)
        #expect(report.rows.first { $0.key == "timeouts.first_answer" }?.value == "90s")
        #expect(report.rows.first { $0.key == "timeouts.silence" }?.value == "500ms")
        #expect(
            SettingsReport(settings: AishSettings(), path: "config.yaml", token: nil).rows.first {
                $0.key == "timeouts.silence"
            }?.value == "5m")
    }

    @Test func aBadVariableNamesTheVariable() async throws {
        let environment = try environment(nil, ["AISH_HISTORY_SIZE": "0"])
        await #expect(
            throws: AishError.badConfiguration(
                source: "AISH_HISTORY_SIZE", detail: "history_size is '0'; expected a whole number of lines, 1–1000000")
        ) { try await SettingsLoader.load(environment: environment) }
    }

    @Test func aishConfigChoosesTheFile() throws {
        #expect(SettingsLoader.path(environment: ["AISH_CONFIG": "/etc/aish.yaml"]) == "/etc/aish.yaml")
        #expect(SettingsLoader.path(environment: ["XDG_CONFIG_HOME": "/c"]) == "/c/aish/config.yaml")
        #expect(SettingsLoader.path(environment: [:], home: "/h") == "/h/.config/aish/config.yaml")
    }
}
