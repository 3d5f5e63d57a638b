import Foundation
import Testing

@testable import AishKit

/// Issue 12, items 9 and 17: `config.yaml` is checked before the YAML parser runs:
/// no anchors or aliases, known keys in any spelling, one value of the right kind per
/// setting; each refusal names the file and line.
@Suite struct ConfigFileShapeTests {
    /// The error loading `yaml` as the configuration file gives, or nil.
    private func refusal(_ yaml: String) async throws -> String? {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try await SettingsLoader.load(environment: ["AISH_CONFIG": path])
            return nil
        } catch {
            #expect(error.exitCode == 78)
            return error.description.replacingOccurrences(of: path, with: "config.yaml")
        }
    }

    /// The 547-byte file of the issue: nine levels of nine aliases, 9^9 strings expanded.
    private var billionLaughs: String {
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ",")
            lines.append("\(name): &\(name) [\(aliases)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func theBillionLaughsIsRefusedAtOnceNamingItsLine() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let message = try #require(try await refusal(billionLaughs))
        #expect(clock.now - start < .seconds(5))  // it took over 600 s
        #expect(message.contains("config.yaml:1"))
        #expect(message.contains("'&a' is a YAML anchor"))
    }

    @Test(arguments: [
        ("url: &u http://x:1\n", "config.yaml:1", "'&u' is a YAML anchor"),
        ("url: http://x:1\nspecialist: *u\n", "config.yaml:2", "'*u' is a YAML alias"),
        ("session:\n  ttl: &t 3d\n", "config.yaml:2", "'&t'"),
        ("color: [*c]\n", "config.yaml:1", "'*c'"),
        ("&root\nurl: x\n", "config.yaml:1", "'&root'"),
        // After a quoted key YAML needs no space: found by the config fuzz target.
        ("\"transport\":&a\n", "config.yaml:1", "'&a' is a YAML anchor"),
        ("\"url\":*u\n", "config.yaml:1", "'*u' is a YAML alias"),
    ])
    func anchorsAndAliasesAnywhereAreRefused(yaml: String, location: String, detail: String) async throws {
        let message = try #require(try await refusal(yaml))
        #expect(message.contains(location), "\(message)")
        #expect(message.contains(detail), "\(message)")
    }

    @Test func ampersandsAndStarsInsideValuesAreNoAnchors() async throws {
        #expect(try await refusal("token_file: /tmp/a&b*c\nspecialist: \"*star\"\n") == nil)
    }

    @Test(arguments: [
        ("url: [1, 2]\n", "config.yaml:1", "url is a list"),
        ("history_size: {a: 1}\n", "config.yaml:1", "history_size is a mapping"),
        ("session: 5\n", "config.yaml:1", "session is '5'; expected a section"),
        ("url: http://x:1\nhistory_size:\n  a: 1\n", "config.yaml:2", "history_size is a mapping"),
        ("transport:\n  - ws\n  - sse\n", "config.yaml:1", "transport is a list"),
        ("session:\n  ttl: [3d]\n", "config.yaml:2", "session.ttl is a list"),
        ("specialist: |\n  apollo\n", "config.yaml:1", "specialist is a block of lines"),
    ])
    func aValueOfTheWrongKindIsAnError(yaml: String, location: String, detail: String) async throws {
        let message = try #require(try await refusal(yaml))
        #expect(message.contains(location), "\(message)")
        #expect(message.contains(detail), "\(message)")
    }

    @Test(arguments: [
        ("\"trasnport\": ws\n", "config.yaml:1", "unknown key 'trasnport'; did you mean transport?"),
        ("'colour': never\n", "config.yaml:1", "unknown key 'colour'"),
        ("{\"trasnport\": ws}\n", "config.yaml:1", "flow style"),
        ("url: http://x:1\n{transport: ws}\n", "config.yaml:2", "flow style"),
        ("- url: http://x:1\n", "config.yaml:1", "lists are not supported"),
        ("session:\n  \"tll\": 3d\n", "config.yaml:2", "unknown key 'session.tll'"),
        ("url: http://x:1\nurl: http://y:2\n", "config.yaml:2", "url is set again (first on line 1)"),
        ("  url: http://x:1\n", "config.yaml:1", "indented"),
    ])
    func unknownKeysInAnySpellingAreErrors(yaml: String, location: String, detail: String) async throws {
        let message = try #require(try await refusal(yaml))
        #expect(message.contains(location), "\(message)")
        #expect(message.contains(detail), "\(message)")
    }

    @Test func quotedKnownKeysCommentsAndDocumentMarkersAreFine() async throws {
        let yaml = """
            ---
            # settings
            "url": 'http://x:1'   # quoted
            color: "never"
            session:
              'ttl': 3d
            """
        #expect(try await refusal(yaml) == nil)
    }

    /// Found by the config fuzz target: a line starting with `%` was passed over as a
    /// directive whatever it held. Only YAML's directives are.
    @Test func onlyYAMLsDirectivesArePassedOver() async throws {
        #expect(try await refusal("%YAML 1.2\n---\ncolor: never\n") == nil)
        let junk = try #require(try await refusal("color: never\n%{a\" &a [\"lolb: &b [sers\n"))
        #expect(junk.contains("config.yaml:2"))
        #expect(junk.contains("is not a YAML directive (%YAML or %TAG)"))
    }

    @Test func aDeviceIsNoConfigurationFile() async throws {
        do {
            _ = try await SettingsLoader.load(environment: ["AISH_CONFIG": "/dev/zero"])
            Issue.record("/dev/zero was read as a configuration file")
        } catch {
            #expect(error.description.contains("/dev/zero"))
            #expect(error.description.contains("not a regular file"))
        }
    }
}
