import Configuration
import Foundation
import SystemPackage

/// Reads ``AishSettings`` through swift-configuration: the `AISH_*` environment
/// variables (its environment provider) over `config.yaml` (its YAML file provider).
///
/// The file is `AISH_CONFIG`, else `$XDG_CONFIG_HOME/aish/config.yaml`
/// (`~/.config/aish/config.yaml`); a missing file is no error. Every value is
/// checked, and a bad one is an ``AishError/badConfiguration(source:detail:)`` that
/// names the key, the variable or the file and line, and what is expected.
///
/// The `providers:` block is read by ``ConfigFileOutline`` instead (its keys hold
/// dots); `AISH_PROVIDER_URL`, with `AISH_PROVIDER_KEY` and `AISH_PROVIDER_MODELS`,
/// adds the provider `env` after the file's.
public enum SettingsLoader {
    /// The configuration file for `environment`.
    public static func path(environment: [String: String], home: String? = nil) -> String {
        if let chosen = environment["AISH_CONFIG"], !chosen.isEmpty {
            return HomeFolder.expandingTilde(in: chosen, environment: environment)
        }
        let home = home ?? HomeFolder.path(environment: environment)
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".config")
        return (config as NSString).appendingPathComponent("aish/config.yaml")
    }

    /// Loads the settings of `environment` and its configuration file.
    public static func load(environment: [String: String], home: String? = nil) async throws(AishError)
        -> AishSettings
    {
        let (settings, problems) = await load(environment: environment, home: home, stoppingAtAProblem: true)
        if let first = problems.first { throw first }
        return settings
    }

    /// Loads what can be loaded, for `aish config show`: a bad value or a bad file is
    /// left out and listed among the problems instead of stopping everything.
    public static func loadReporting(environment: [String: String], home: String? = nil) async
        -> (settings: AishSettings, problems: [AishError])
    {
        await load(environment: environment, home: home, stoppingAtAProblem: false)
    }

    private static func load(environment: [String: String], home: String?, stoppingAtAProblem: Bool) async
        -> (settings: AishSettings, problems: [AishError])
    {
        let path = path(environment: environment, home: home)
        var problems: [AishError] = []
        var contents = ConfigFileOutline.Contents()
        var file: FileProvider<YAMLSnapshot>?
        do throws(AishError) {
            contents = try ConfigFileOutline.read(path)
        } catch {
            problems.append(error)
        }
        if let problem = contents.providersProblem { problems.append(problem) }
        let lines = contents.lines
        // Reporting, the keys aish knows are still read from a file with a problem (even
        // one whose outline stopped at an unknown key, so that nothing is known of its
        // lines). With no file, or none of those keys in it, there is nothing for the
        // YAML provider to read: not making it (nor its look for the file) takes 0.2 to
        // 0.6 ms off a one-shot chat's start, and it refuses a file with no mapping at
        // all (empty, or only comments, as `aish config edit` first makes it).
        let hasSettings = contents.fileExists && AishSettings.keys.contains { lines[$0.name] != nil }
        if hasSettings && problems.isEmpty || !stoppingAtAProblem && !problems.isEmpty {
            do {
                file = try await FileProvider<YAMLSnapshot>(filePath: FilePath(path), allowMissing: true)
            } catch {
                if problems.isEmpty {
                    problems.append(.badConfiguration(source: path, detail: "it is not valid YAML (\(error))"))
                }
            }
        }
        if stoppingAtAProblem && !problems.isEmpty { return (AishSettings(), problems) }
        let fileReader = file.map { ConfigReader(provider: $0) }
        // Each key's variable is read as it is; only a non-empty one counts (`AISH_URL=`
        // means "not set"). These are the names swift-configuration's environment
        // provider, scoped to `aish`, looked up; going through it cost a one-shot chat
        // 0.8 ms of CPU and 0.7–1.0 ms before the first byte (BENCHMARKS.md).
        func variable(_ key: AishSettings.Key) -> String? {
            environment[key.variable].flatMap { $0.isEmpty ? nil : $0 }
        }

        var settings = AishSettings()
        settings.providers = contents.providers.map { $0.expandingTilde(environment: environment) }
        do throws(AishError) {
            if let provider = try ProviderSettings.fromEnvironment(environment) { settings.providers.append(provider) }
        } catch {
            problems.append(error)
            if stoppingAtAProblem { return (settings, problems) }
        }
        for key in AishSettings.keys {
            let source: AishSettings.Source
            let text: String
            if let value = variable(key) {
                (source, text) = (.environment(key.variable), value)
            } else if let value = fileReader?.string(forKey: ConfigKey(key.name)) {
                (source, text) = (.file(path: path, line: lines[key.name]), value)
            } else {
                continue
            }
            do {
                try settings.set(
                    key, to: text.trimmingWhitespace(), from: source, environment: environment)
                settings.sources[key.name] = source
            } catch {
                problems.append(error)
                if stoppingAtAProblem { return (settings, problems) }
            }
        }
        // AISH_NO_SAVE says the opposite of session.save, and wins over both spellings of it.
        if let text = environment["AISH_NO_SAVE"], !text.isEmpty {
            if let noSave = AishSettings.boolean(text) {
                settings.saveSessions = !noSave
                settings.sources["session.save"] = .environment("AISH_NO_SAVE")
            } else {
                problems.append(
                    .badConfiguration(source: "AISH_NO_SAVE", detail: "AISH_NO_SAVE is '\(text)'; expected 1 or 0"))
            }
        }
        return (settings, problems)
    }
}

extension AishSettings {
    /// Sets `key` from its text, or throws naming where the bad value came from.
    fileprivate mutating func set(_ key: Key, to text: String, from source: Source, environment: [String: String])
        throws(AishError)
    {
        func bad() -> AishError {
            .badConfiguration(
                source: source.description, detail: "\(key.name) is '\(text)'; expected \(key.syntax)")
        }
        switch key.name {
        case "url":
            do {
                _ = try ServerURL(parsing: text, name: key.name)
            } catch {
                guard case .invalidArgument(_, let value, let hint) = error else { throw error }
                throw .badConfiguration(source: source.description, detail: "url is '\(value)': \(hint)")
            }
            url = text
        case "token_file":
            guard !text.isEmpty else { throw bad() }
            tokenFile = HomeFolder.expandingTilde(in: text, environment: environment)
        case "specialist":
            guard !text.isEmpty, !text.contains(where: \.isWhitespace) else { throw bad() }
            specialist = text
        case "transport":
            guard let kind = TransportKind(commandLineValue: text) else { throw bad() }
            transport = kind
        case "color":
            guard let choice = ColorChoice(rawValue: text.lowercased()) else { throw bad() }
            color = choice
        case "thinking":
            switch text.lowercased() {
            case "show": showsThinking = true
            case "hide": showsThinking = false
            default: throw bad()
            }
        case "history_size":
            guard let size = Int(text), (1...1_000_000).contains(size) else { throw bad() }
            historySize = size
        case "session.save":
            guard let save = Self.boolean(text) else { throw bad() }
            saveSessions = save
        case "session.ttl":
            guard let age = SessionAge(parsing: text) else { throw bad() }
            sessionTTL = age
        case "session.store":
            // The URL may hold a password: errors show it redacted.
            if text.lowercased() != "sqlite" {
                do {
                    _ = try PostgresURL(parsing: text, source: key.name)
                } catch {
                    guard case .invalidArgument(_, let value, let hint) = error else { throw error }
                    throw .badConfiguration(
                        source: source.description, detail: "session.store is '\(value)': \(hint); or write sqlite")
                }
            }
            sessionStore = text
        case "session.checkpoint_interval":
            let digits = text.hasSuffix("ms") ? String(text.dropLast(2)) : text
            guard let milliseconds = Int(digits.trimmingWhitespace()),
                (50...10_000).contains(milliseconds)
            else { throw bad() }
            checkpointInterval = .milliseconds(milliseconds)
        case "timeouts.connect", "timeouts.first_answer", "timeouts.silence":
            guard let duration = Timeouts.duration(parsing: text) else { throw bad() }
            switch key.name {
            case "timeouts.connect": timeouts.connect = duration
            case "timeouts.first_answer": timeouts.firstAnswer = duration
            default: timeouts.silence = duration
            }
        default:
            break
        }
    }
}

extension ProviderSettings {
    /// The settings with the `~` of the key file's path expanded.
    fileprivate func expandingTilde(environment: [String: String]) -> ProviderSettings {
        var provider = self
        provider.apiKeyFile = apiKeyFile.map { HomeFolder.expandingTilde(in: $0, environment: environment) }
        return provider
    }
}
