import AishKit
import ArgumentParser
import Foundation

/// `aish config`: where the configuration file is, and what is in effect.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in effect, or where the configuration file is.",
        discussion: """
            Settings come from, in order of precedence: command-line flags, AISH_* \
            environment variables, the YAML file $XDG_CONFIG_HOME/aish/config.yaml (or \
            AISH_CONFIG), and defaults. The file's keys: url, token_file, specialist, \
            transport (ws, sse, v1, v1-post), color (auto, always, never), history_size, \
            and under session: ttl (such as 30d) and checkpoint_interval (milliseconds). \
            Each has its variable: AISH_URL, AISH_TOKEN_FILE, AISH_SPECIALIST, \
            AISH_TRANSPORT, AISH_COLOR, AISH_HISTORY_SIZE, AISH_SESSION_TTL, \
            AISH_SESSION_CHECKPOINT_INTERVAL.
            """,
        subcommands: [ConfigShowCommand.self, ConfigPathCommand.self],
        defaultSubcommand: ConfigShowCommand.self
    )
}

/// `aish config show`: every setting, its value and where it came from.
struct ConfigShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every setting in effect and where it comes from (the token redacted).")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        do {
            let environment = ProcessInfo.processInfo.environment
            let settings = try await Settings.current()
            let token = try TokenStore.resolve(option: nil, fileOption: settings.tokenFile, environment: environment)
            var rows: [(key: String, value: String, source: String)] = []
            for key in AishSettings.keys {
                let value = Self.value(of: key.name, in: settings)
                rows.append(
                    (
                        key.name, value ?? Self.defaults[key.name] ?? "-",
                        settings.sources[key.name]?.description ?? "default"
                    ))
            }
            rows.append(("token", token == nil ? "none" : "set (redacted)", token.map { "\($0.source)" } ?? "-"))
            let stdout = FileDescriptorSink.standardOutput
            if json {
                let object = Dictionary(
                    uniqueKeysWithValues: rows.map { ($0.key, ["value": $0.value, "source": $0.source]) })
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try stdout.write(String(decoding: try encoder.encode(object), as: UTF8.self) + "\n")
                return
            }
            let keyWidth = rows.map(\.key.count).max() ?? 0
            let valueWidth = rows.map(\.value.count).max() ?? 0
            var text = "# \(SettingsLoader.path(environment: environment))\n"
            for row in rows {
                text +=
                    row.key.padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0)
                    + row.value.padding(toLength: valueWidth + 2, withPad: " ", startingAt: 0) + row.source + "\n"
            }
            try stdout.write(text)
        } catch {
            throw ErrorReporter.report(error)
        }
    }

    /// What each setting is when nothing sets it.
    static let defaults: [String: String] = [
        "url": ConnectionOptions.defaultURL, "transport": "(the best the server offers)", "color": "auto",
        "history_size": "1000", "session.ttl": SessionAge.defaultTTL.description,
        "session.checkpoint_interval": "250ms", "token_file": "~/.config/aish/token",
    ]

    private static func value(of key: String, in settings: AishSettings) -> String? {
        switch key {
        case "url": settings.url.map(ServerURL.redacted)
        case "token_file": settings.tokenFile
        case "specialist": settings.specialist
        case "transport": settings.transport?.rawValue
        case "color": settings.color?.rawValue
        case "history_size": settings.historySize.map(String.init)
        case "session.ttl": settings.sessionTTL?.description
        case "session.checkpoint_interval":
            settings.checkpointInterval.map { "\(Int(($0.seconds * 1000).rounded()))ms" }
        default: nil
        }
    }
}

/// `aish config path`: the configuration file aish reads.
struct ConfigPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "Print the path of the configuration file (it need not exist).")

    func run() throws {
        try FileDescriptorSink.standardOutput.write(
            SettingsLoader.path(environment: ProcessInfo.processInfo.environment) + "\n")
    }
}
