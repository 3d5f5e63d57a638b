import Foundation

/// What `aish config show` prints: every setting, its value and where it came from,
/// the token only as "set (redacted)".
public struct SettingsReport: Sendable {
    /// One line: a key, its value and its source (`default`, a variable, file:line).
    public struct Row: Sendable, Equatable {
        public var key: String
        public var value: String
        public var source: String
    }

    /// The configuration file's path, for the table's first line.
    public var path: String
    /// The rows, in ``AishSettings/keys`` order, then the token, then one per provider.
    public var rows: [Row]

    /// The report of `settings` read from `path`; `token` is where a token was found,
    /// if one was. With `environment`, a provider's key variable is said to be set or
    /// unset; a key itself is never shown.
    public init(
        settings: AishSettings, path: String, token: TokenStore.Resolved?, environment: [String: String]? = nil
    ) {
        self.path = path
        rows = AishSettings.keys.map { key in
            Row(
                key: key.name, value: Self.value(of: key.name, in: settings) ?? Self.defaults[key.name] ?? "-",
                source: settings.sources[key.name]?.description ?? "default")
        }
        rows.append(
            Row(
                key: "token", value: token == nil ? "none" : "set (redacted)",
                source: token.map { "\($0.source)" } ?? "-"))
        rows += settings.providers.map { provider in
            Row(
                key: "providers.\(provider.name)", value: Self.summary(of: provider, environment: environment),
                source: provider.source)
        }
    }

    /// `URL, models a b, key from $VARIABLE (set)`: where the key is, never what it is.
    private static func summary(of provider: ProviderSettings, environment: [String: String]?) -> String {
        let models = provider.models.map { "models " + $0.joined(separator: " ") } ?? "models from GET /models"
        let key: String
        if let variable = provider.apiKeyEnv {
            let state = environment.map { ($0[variable] ?? "").isEmpty ? " (unset)" : " (set)" } ?? ""
            key = "key from $\(variable)\(state)"
        } else if let file = provider.apiKeyFile {
            key = "key file \(file)" + (FileManager.default.fileExists(atPath: file) ? " (set)" : " (missing)")
        } else {
            key = "no key"
        }
        return "\(ServerURL.redacted(provider.url)), \(models), \(key)"
    }

    /// Aligned columns under a `# PATH` line.
    public func table() -> String {
        let keyWidth = rows.map(\.key.count).max() ?? 0
        let valueWidth = rows.map(\.value.count).max() ?? 0
        return rows.reduce("# \(path)\n") { text, row in
            text + row.key.padding(toLength: keyWidth + 2, withPad: " ", startingAt: 0)
                + row.value.padding(toLength: valueWidth + 2, withPad: " ", startingAt: 0) + row.source + "\n"
        }
    }

    /// `{"KEY": {"value", "source"}, …}`.
    public func json() -> String {
        let object = Dictionary(uniqueKeysWithValues: rows.map { ($0.key, ["value": $0.value, "source": $0.source]) })
        return (PrettyJSON.text(object) ?? "{}") + "\n"
    }

    /// What each setting is when nothing sets it.
    public static let defaults: [String: String] = [
        "url": TektonClient.defaultURL, "transport": "(the best the server offers)", "color": "auto",
        "thinking": "show", "history_size": "1000", "session.save": "true",
        "session.ttl": SessionAge.defaultTTL.description,
        "session.store": "sqlite",
        "session.checkpoint_interval": "250ms", "token_file": "~/.config/aish/token",
        "timeouts.connect": Timeouts.text(Timeouts.default.connect),
        "timeouts.first_answer": Timeouts.text(Timeouts.default.firstAnswer),
        "timeouts.silence": Timeouts.text(Timeouts.default.silence),
    ]

    private static func value(of key: String, in settings: AishSettings) -> String? {
        switch key {
        case "url": settings.url.map(ServerURL.redacted)
        case "token_file": settings.tokenFile
        case "specialist": settings.specialist
        case "transport": settings.transport?.rawValue
        case "color": settings.color?.rawValue
        case "thinking": settings.showsThinking.map { $0 ? "show" : "hide" }
        case "history_size": settings.historySize.map(String.init)
        case "session.save": settings.saveSessions.map { $0 ? "true" : "false" }
        case "session.ttl": settings.sessionTTL?.description
        case "session.store": settings.sessionStore.map(PostgresURL.redacting)
        case "session.checkpoint_interval":
            settings.checkpointInterval.map { "\(Int(($0.seconds * 1000).rounded()))ms" }
        case "timeouts.connect": Timeouts.text(settings.timeouts.connect)
        case "timeouts.first_answer": Timeouts.text(settings.timeouts.firstAnswer)
        case "timeouts.silence": Timeouts.text(settings.timeouts.silence)
        default: nil
        }
    }
}
