import Foundation
import Testing

@testable import AishKit

/// The file `aish config edit` makes: comments that set nothing, and, uncommented,
/// every key at its default.
@Suite struct ConfigFileTemplateTests {
    /// A config folder holding `yaml` as aish/config.yaml.
    private func environment(_ yaml: String) throws -> [String: String] {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder + "/aish", withIntermediateDirectories: true)
        try yaml.write(toFile: folder + "/aish/config.yaml", atomically: true, encoding: .utf8)
        return ["XDG_CONFIG_HOME": folder]
    }

    /// An empty file, or one of comments, sets nothing and is no problem (it made every
    /// command fail with "Top level YAML value is not a mapping").
    @Test(arguments: ["", "\n", "# nothing set yet\n", ConfigFileTemplate.text])
    func aFileThatSetsNothingIsFine(yaml: String) async throws {
        let (settings, problems) = await SettingsLoader.loadReporting(environment: try environment(yaml))
        #expect(problems.isEmpty, "\(problems)")
        #expect(settings.sources.isEmpty)
        #expect(settings.providers.isEmpty)
    }

    @Test func uncommentedItSetsEveryKeyToWhatAishUsesAnyway() async throws {
        // Take "# " off every line that is not a `##` description.
        let uncommented = ConfigFileTemplate.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            line -> Substring in
            guard line.hasPrefix("# "), !line.dropFirst(2).trimmingPrefix(" ").hasPrefix("##") else { return line }
            return line.dropFirst(2)
        }.joined(separator: "\n")
        let environment = try environment(uncommented)
        let (settings, problems) = await SettingsLoader.loadReporting(environment: environment)
        #expect(problems.isEmpty, "\(problems)\n\(uncommented)")
        for key in AishSettings.keys {
            guard case .file = settings.sources[key.name] else {
                Issue.record("\(key.name) was not set by the file")
                continue
            }
        }
        #expect(settings.providers.map(\.name) == ["local"])
        // The values it shows are what aish uses when nothing is set.
        #expect(settings.historySize == 1000)
        #expect(settings.sessionTTL == SessionAge.defaultTTL)
        #expect(settings.checkpointInterval == Checkpointer.interval)
        #expect(settings.timeouts == .default)
        #expect(settings.url == TektonClient.defaultURL)
    }

    @Test func itIsMadeOnlyWhenMissingAndPrivate() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-config-\(UUID().uuidString)")
        let path = folder + "/aish/config.yaml"
        #expect(try ConfigFileTemplate.createIfMissing(at: path))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder + "/aish")
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
        try "url: http://127.0.0.1:9\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try !ConfigFileTemplate.createIfMissing(at: path))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "url: http://127.0.0.1:9\n")
    }
}
