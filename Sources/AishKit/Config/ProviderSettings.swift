import Foundation

/// One OpenAI-compatible provider (Ollama, llama.cpp, vLLM, LM Studio, OpenAI…)
/// from `providers:` in config.yaml, or `env` from `AISH_PROVIDER_URL`.
///
/// The API key itself is never stored here: only where to find it, read when needed
/// by ``apiKey(environment:)``, so that no description of the settings can show it.
public struct ProviderSettings: Sendable, Equatable {
    /// What a model is good at, for discovery and `@capability` routing.
    public struct ModelCapabilities: Sendable, Equatable {
        /// Its main capabilities (`code-analysis`).
        public var primary: [String]
        /// A score from 0 to 1 by capability.
        public var scores: [String: Double]

        /// Creates a model's capabilities.
        public init(primary: [String] = [], scores: [String: Double] = [:]) {
            self.primary = primary
            self.scores = scores
        }
    }

    /// The name in the configuration (`local`), or `env` for `AISH_PROVIDER_URL`.
    public var name: String
    /// The API's base URL as written, trimmed (`http://127.0.0.1:11434/v1`).
    public var url: String
    /// The environment variable holding the key.
    public var apiKeyEnv: String?
    /// The file holding the key, its `~` expanded by ``SettingsLoader``.
    public var apiKeyFile: String?
    /// The model ids; nil to discover them with `GET /models`.
    public var models: [String]?
    /// What each model is good at, by model id.
    public var capabilities: [String: ModelCapabilities]
    /// The system message for every model of the provider.
    public var system: String?
    /// A system message by model id, which wins over ``system``.
    public var systemPrompts: [String: String]
    /// Whether replies stream (`stream: true`, the default); false asks for each reply
    /// whole, for a server that cannot stream.
    public var streams = true
    /// Where the provider is defined: `PATH:LINE` of its name, or `AISH_PROVIDER_URL`.
    public var source: String

    /// Creates a provider's settings.
    public init(
        name: String, url: String, apiKeyEnv: String? = nil, apiKeyFile: String? = nil, models: [String]? = nil,
        capabilities: [String: ModelCapabilities] = [:], system: String? = nil, systemPrompts: [String: String] = [:],
        source: String
    ) {
        self.name = name
        self.url = url
        self.apiKeyEnv = apiKeyEnv
        self.apiKeyFile = apiKeyFile
        self.models = models
        self.capabilities = capabilities
        self.system = system
        self.systemPrompts = systemPrompts
        self.source = source
    }

    /// The system message for `model`: its own, else the provider's, else nil.
    public func system(for model: String) -> String? {
        systemPrompts[model] ?? system
    }

    /// The largest key file read.
    static let keyFileLimit = 16 * 1024

    /// The API key: the value of ``apiKeyEnv`` (nil when unset or empty), or the
    /// contents of ``apiKeyFile``, trimmed; nil when neither is configured.
    ///
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` when the file is
    ///   missing, may be read by group or others (it must be mode 0600 or stricter),
    ///   cannot be read, or the key is not one word of printable ASCII. No error
    ///   carries the key.
    public func apiKey(environment: [String: String]) throws(AishError) -> String? {
        if let apiKeyEnv {
            guard let value = environment[apiKeyEnv] else { return nil }
            return try Self.checked(value, origin: "$\(apiKeyEnv)", source: source, emptyIsNone: true)
        }
        guard let apiKeyFile else { return nil }
        let path = HomeFolder.expandingTilde(in: apiKeyFile, environment: environment)
        let setting = "providers.\(name).api_key_file"
        func bad(_ detail: String) -> AishError { .badConfiguration(source: source, detail: detail) }
        let mode: mode_t?
        do {
            mode = try PrivateFile.mode(path)
        } catch {
            throw bad("cannot use the API key file \(path) (\(setting)): \(error.description)")
        }
        guard let mode else {
            throw bad("\(setting) is '\(path)', which does not exist; expected a file holding the API key, mode 0600")
        }
        guard mode & 0o077 == 0 else {
            throw bad(
                "the API key file \(path) (\(setting)) may be read by others (mode \(PrivateFile.octal(mode))); "
                    + "aish will not use it: run `chmod 600 \(path)`")
        }
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path: path, limit: Self.keyFileLimit)
        } catch {
            throw bad("cannot use the API key file \(path) (\(setting)): \(error.reason)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw bad("the API key file \(path) (\(setting)) is not UTF-8 text")
        }
        return try Self.checked(text, origin: "the API key file \(path)", source: source, emptyIsNone: false)
    }

    /// `raw` trimmed, if it is one word of printable ASCII (it goes into a header).
    private static func checked(_ raw: String, origin: String, source: String, emptyIsNone: Bool) throws(AishError)
        -> String?
    {
        let key = raw.trimmingWhitespaceAndNewlines()
        if key.isEmpty {
            if emptyIsNone { return nil }
            throw .badConfiguration(source: source, detail: "\(origin) is empty; expected the API key in it")
        }
        guard key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw .badConfiguration(
                source: source,
                detail: "\(origin) does not hold one word of printable ASCII; expected the API key exactly as issued")
        }
        return key
    }
}

extension ProviderSettings {
    /// The provider `AISH_PROVIDER_URL` defines, named `env`: its key in
    /// `AISH_PROVIDER_KEY`, its models in `AISH_PROVIDER_MODELS` (comma-separated).
    /// Nil when `AISH_PROVIDER_URL` is unset or empty; the other two are read only with it.
    ///
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` naming the variable
    ///   with a bad URL or model name.
    static func fromEnvironment(_ environment: [String: String]) throws(AishError) -> ProviderSettings? {
        func value(_ name: String) -> String? {
            let text = environment[name]?.trimmingWhitespaceAndNewlines() ?? ""
            return text.isEmpty ? nil : text
        }
        guard let url = value("AISH_PROVIDER_URL") else { return nil }
        if let expected = ProviderURL.problem(url) {
            throw .badConfiguration(
                source: "AISH_PROVIDER_URL", detail: "AISH_PROVIDER_URL is '\(shown(url))'; expected \(expected)")
        }
        var provider = ProviderSettings(name: "env", url: url, source: "AISH_PROVIDER_URL")
        if value("AISH_PROVIDER_KEY") != nil { provider.apiKeyEnv = "AISH_PROVIDER_KEY" }
        if let list = value("AISH_PROVIDER_MODELS") {
            let models = list.split(separator: ",").map { $0.trimmingWhitespace() }.filter {
                !$0.isEmpty
            }
            if let bad = models.first(where: { !isModelName($0) }) {
                throw .badConfiguration(
                    source: "AISH_PROVIDER_MODELS",
                    detail: "AISH_PROVIDER_MODELS has '\(shown(bad))'; expected model names without spaces, "
                        + "separated by commas, such as llama3.1,qwen2.5-coder")
            }
            provider.models = models.isEmpty ? nil : models
        }
        return provider
    }

    /// What a provider URL looks like, for errors.
    static let urlSyntax = "an http:// or https:// URL such as http://127.0.0.1:11434/v1"

    /// Whether `text` can be a model id: not empty, no blanks, and no slash at either
    /// end (one inside is a model's own, as OpenRouter's `meta-llama/llama-3.1-8b-instruct`).
    static func isModelName(_ text: String) -> Bool {
        !text.isEmpty && !text.contains(where: \.isWhitespace) && text.first != "/" && text.first != "@"
            && text.last != "/"
    }

    /// A value for an error message: one line, control characters dropped, a password
    /// in a URL hidden, at most 120 characters.
    static func shown(_ text: String) -> String {
        let clean = TerminalText.sanitized(ServerURL.redacted(text)).replacing("\n", with: " ")
        return clean.count > 120 ? clean.prefix(120) + "…" : clean
    }
}
