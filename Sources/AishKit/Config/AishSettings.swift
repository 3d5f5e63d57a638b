import Foundation

/// What the configuration file and the `AISH_*` variables set: everything is
/// optional, and a flag given on the command line wins over all of it.
///
/// Precedence: flags > environment (`AISH_*`) > `config.yaml` > defaults. See
/// ``SettingsLoader`` for where each value comes from.
public struct AishSettings: Sendable, Equatable {
    /// One setting: its key in `config.yaml`, its environment variable, and what it holds.
    public struct Key: Sendable, Equatable {
        /// The YAML key, dotted for nested ones (`session.ttl`).
        public let name: String
        /// The environment variable (`AISH_SESSION_TTL`).
        public let variable: String
        /// What a value looks like, for errors and `aish config show`.
        public let syntax: String
    }

    /// Every key, in the order `aish config show` lists them.
    public static let keys: [Key] = [
        Key(name: "url", variable: "AISH_URL", syntax: "an http:// or https:// URL"),
        Key(name: "token_file", variable: "AISH_TOKEN_FILE", syntax: "a path"),
        Key(name: "specialist", variable: "AISH_SPECIALIST", syntax: "a specialist name"),
        Key(name: "transport", variable: "AISH_TRANSPORT", syntax: "ws, sse, v1 or v1-post"),
        Key(name: "color", variable: "AISH_COLOR", syntax: "auto, always or never"),
        Key(name: "thinking", variable: "AISH_THINKING", syntax: "show or hide"),
        Key(name: "history_size", variable: "AISH_HISTORY_SIZE", syntax: "a whole number of lines, 1–1000000"),
        Key(name: "session.save", variable: "AISH_SESSION_SAVE", syntax: "true or false"),
        Key(name: "session.ttl", variable: "AISH_SESSION_TTL", syntax: SessionAge.syntaxHint),
        Key(
            name: "session.store", variable: "AISH_SESSION_STORE",
            syntax: "sqlite, or a postgres://USER@HOST:PORT/DATABASE URL"),
        Key(
            name: "session.checkpoint_interval", variable: "AISH_SESSION_CHECKPOINT_INTERVAL",
            syntax: "milliseconds between checkpoints, 50–10000, such as 250 or 250ms"),
        Key(name: "timeouts.connect", variable: "AISH_TIMEOUTS_CONNECT", syntax: Timeouts.syntaxHint),
        Key(name: "timeouts.first_answer", variable: "AISH_TIMEOUTS_FIRST_ANSWER", syntax: Timeouts.syntaxHint),
        Key(name: "timeouts.silence", variable: "AISH_TIMEOUTS_SILENCE", syntax: Timeouts.syntaxHint),
    ]

    /// How replies are coloured.
    public enum ColorChoice: String, Sendable, Equatable, CaseIterable {
        /// Colour on a terminal, unless `NO_COLOR` or `TERM=dumb`.
        case auto
        /// Always, even when piped.
        case always
        /// Never.
        case never
    }

    /// Where a value came from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case environment(String)
        case file(path: String, line: Int?)

        public var description: String {
            switch self {
            case .environment(let name): name
            case .file(let path, let line?): "\(path):\(line)"
            case .file(let path, nil): path
            }
        }
    }

    public var url: String?
    public var tokenFile: String?
    public var specialist: String?
    public var transport: TransportKind?
    public var color: ColorChoice?
    /// Whether a reasoning model's thinking shows on a terminal before its answer
    /// (`thinking: show|hide`); shown when unset.
    public var showsThinking: Bool?
    public var historySize: Int?
    /// False: chats save nothing (`session.save: false`, `AISH_NO_SAVE=1`, `--no-save`).
    public var saveSessions: Bool?
    public var sessionTTL: SessionAge?
    /// Where sessions are kept: nil or `sqlite` for the SQLite file, else a
    /// `postgres://` URL (checked when read).
    public var sessionStore: String?
    public var checkpointInterval: Duration?
    /// The bounds of the waits for a server; ``Timeouts/default``'s where unset.
    public var timeouts = Timeouts.default
    /// The OpenAI-compatible providers: those of `providers:` in config.yaml, in its
    /// order, then `env` when `AISH_PROVIDER_URL` is set.
    public var providers: [ProviderSettings] = []
    /// Where each value that is set came from, by key name.
    public var sources: [String: Source] = [:]

    /// Nothing set.
    public init() {}
}

extension AishSettings {
    /// `true`/`false`, `yes`/`no`, `on`/`off` or `1`/`0`, in any case; nil for anything else.
    static func boolean(_ text: String) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }
}
