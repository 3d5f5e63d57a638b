import Foundation
import Testing

@testable import AishKit

/// `providers:` in config.yaml, `AISH_PROVIDER_*`, the API key's sources and its
/// absence from every message.
@Suite struct ProviderSettingsTests {
    /// The example of the issue.
    static let example = """
        providers:
          local:
            url: http://127.0.0.1:11434/v1        # Ollama, llama.cpp, vLLM, LM Studio, OpenAI…
            api_key_env: OPENAI_API_KEY           # or api_key_file (0600), or none
            models: [llama3.1, qwen2.5-coder]     # or discovered from GET /v1/models
            capabilities:                          # optional, for discover and @routing
              qwen2.5-coder: {primary: [code-analysis, debugging], scores: {debugging: 0.8}}
        """

    /// The outline of `yaml` read as `config.yaml`.
    private func contents(_ yaml: String) throws(AishError) -> ConfigFileOutline.Contents {
        try ConfigFileOutline.outline(of: yaml, path: "config.yaml")
    }

    /// The providers of `yaml`, or the first problem with them.
    private func providers(_ yaml: String) throws(AishError) -> [ProviderSettings] {
        let contents = try contents(yaml)
        if let problem = contents.providersProblem { throw problem }
        return contents.providers
    }

    /// A temporary folder, removed by the caller.
    private func folder() throws -> String {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-providers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A file at `path` holding `text`, with `mode`.
    private func write(_ text: String, to path: String, mode: Int) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    @Test func theExampleParsesToItsValues() throws {
        let providers = try providers(Self.example)
        let expected = ProviderSettings(
            name: "local", url: "http://127.0.0.1:11434/v1", apiKeyEnv: "OPENAI_API_KEY",
            models: ["llama3.1", "qwen2.5-coder"],
            capabilities: [
                "qwen2.5-coder": .init(primary: ["code-analysis", "debugging"], scores: ["debugging": 0.8])
            ],
            source: "config.yaml:2")
        #expect(providers == [expected])
    }

    @Test func blockListsQuotedNamesAndSystemMessages() throws {
        let yaml = """
            providers:
              lab:
                url: "https://lab.example/v1/"
                api_key_file: /etc/aish/lab.key
                models:
                - 'qwen2.5-coder'
                - "llama3.1:8b"
                capabilities:
                  "qwen2.5-coder":
                    primary:
                      - code-analysis
                    scores:
                      code-analysis: 1
                system: "Be brief.\\nAnswer in \\"English\\"."
                system_prompts:
                  'llama3.1:8b': 'It''s a test.'
              remote:
                url: https://api.example/v1
            """
        let providers = try providers(yaml)
        #expect(providers.map(\.name) == ["lab", "remote"])
        let lab = try #require(providers.first)
        #expect(lab.url == "https://lab.example/v1/")
        #expect(lab.apiKeyFile == "/etc/aish/lab.key")
        #expect(lab.models == ["qwen2.5-coder", "llama3.1:8b"])
        #expect(lab.capabilities["qwen2.5-coder"] == .init(primary: ["code-analysis"], scores: ["code-analysis": 1]))
        #expect(lab.system(for: "qwen2.5-coder") == "Be brief.\nAnswer in \"English\".")
        #expect(lab.system(for: "llama3.1:8b") == "It's a test.")
        #expect(providers[1].models == nil)
        #expect(providers[1].system(for: "any") == nil)
        #expect(providers[1].source == "config.yaml:17")
    }

    @Test func aFullConfigurationLoadsThroughTheYAMLProviderToo() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let yaml = """
            url: http://127.0.0.1:8003
            color: never
            \(Self.example)
              other:
                url: https://api.example/v1
                models: ["a.b", 'c:d', llama3.1:8b]
                system_prompts: {"a.b": "Hi, \\"you\\"", c:d: plain}
              third:
                # a comment inside the block

                url: 'http://h:1/v1'
                models:
                - x
                - 'y''s'
                capabilities: {}
                system: use [brackets], {braces} and 'quotes', a\\/b\\tc
            session:
              ttl: 12h
              checkpoint_interval: 100ms
            history_size: 300
            """
        try yaml.write(toFile: folder + "/config.yaml", atomically: true, encoding: .utf8)
        let environment = ["AISH_CONFIG": folder + "/config.yaml"]
        let settings = try await SettingsLoader.load(environment: environment, home: folder)
        #expect(settings.url == "http://127.0.0.1:8003")
        #expect(settings.sessionTTL == SessionAge(parsing: "12h"))
        #expect(settings.checkpointInterval == .milliseconds(100))
        #expect(settings.historySize == 300)
        #expect(settings.sources["session.ttl"] == .file(path: folder + "/config.yaml", line: 24))
        #expect(settings.sources["history_size"] == .file(path: folder + "/config.yaml", line: 26))
        #expect(settings.providers.map(\.name) == ["local", "other", "third"])
        #expect(settings.providers[2].models == ["x", "y's"])
        #expect(settings.providers[2].system == "use [brackets], {braces} and 'quotes', a\\/b\\tc")
        #expect(settings.providers[0].source == folder + "/config.yaml:4")
        #expect(settings.providers[1].models == ["a.b", "c:d", "llama3.1:8b"])
        #expect(settings.providers[1].systemPrompts == ["a.b": "Hi, \"you\"", "c:d": "plain"])
    }

    @Test(arguments: [
        ("providers:\n  my provider:\n    url: http://x:1\n", "config.yaml:2", "'my provider' is not allowed"),
        ("providers:\n  env:\n    url: http://x:1\n", "config.yaml:2", "'env' is kept for AISH_PROVIDER_URL"),
        ("providers:\n  local:\n    models: [a]\n", "config.yaml:2", "providers.local has no url"),
        ("providers:\n  local:\n", "config.yaml:2", "providers.local has no url"),
        (
            "providers:\n  local:\n    url: ftp://x\n", "config.yaml:3",
            "providers.local.url is 'ftp://x'; expected an http:// or https:// URL such as http://127.0.0.1:11434/v1"
        ),
        ("providers:\n  local:\n    url: [http://x:1]\n", "config.yaml:3", "providers.local.url is a list"),
        (
            "providers:\n  local:\n    url: http://bob:pw@x:1\n", "config.yaml:3",
            "'http://bob:***@x:1'; expected the URL without credentials"
        ),
        (
            "providers:\n  az:\n    url: https://r.openai.azure.com/openai/deployments/d?api-version=2024-06-01\n",
            "config.yaml:3", "; expected the API's base without a query or fragment (aish adds /chat/completions"
        ),
        (
            "providers:\n  a:\n    url: http://x:1\n    modles: [b]\n", "config.yaml:4",
            "did you mean providers.a.models?"
        ),
        ("providers:\n  a:\n    url: http://x:1\n    api_key_env: 1KEY\n", "config.yaml:4", "is not a variable name"),
        (
            "providers:\n  a:\n    url: http://x:1\n    api_key_env: K\n    api_key_file: /k\n", "config.yaml:5",
            "sets both api_key_env (line 4) and api_key_file (line 5)"
        ),
        ("providers:\n  a:\n    url: http://x:1\n    models: []\n", "config.yaml:4", "providers.a.models is empty"),
        ("providers:\n  a:\n    url: http://x:1\n    models: [\"b c\"]\n", "config.yaml:4", "has 'b c'"),
        ("providers:\n  a:\n    url: http://x:1\n    models:\n      - x\n      - o m\n", "config.yaml:6", "has 'o m'"),
        ("providers:\n  a:\n    url: http://x:1\n    models: [m, m]\n", "config.yaml:4", "has 'm' twice"),
        (
            "providers:\n  a:\n    url: http://x:1\n    stream: sometimes\n", "config.yaml:4",
            "providers.a.stream is 'sometimes'; expected true"
        ),
        (
            "providers:\n  a:\n    url: http://x:1\n    capabilities:\n      m: {scores: {debugging: 1.5}}\n",
            "config.yaml:5", "providers.a.capabilities.m.scores.debugging is '1.5'; expected a number from 0 to 1"
        ),
        (
            "providers:\n  a:\n    url: http://x:1\n    capabilities:\n      m: {primry: [x]}\n", "config.yaml:5",
            "did you mean providers.a.capabilities.m.primary?"
        ),
        (
            "providers:\n  a:\n    url: http://x:1\n    models: [m]\n    capabilities:\n      n: {primary: [x]}\n",
            "config.yaml:6", "providers.a.capabilities names 'n', which is not in providers.a.models (line 4)"
        ),
        (
            "providers:\n  a:\n    url: http://x:1\n    system_prompts:\n      n: hi\n    models: [m]\n",
            "config.yaml:5", "providers.a.system_prompts names 'n'"
        ),
        ("providers:\n  a:\n    url: http://x:1\n    system: |\n      hi\n", "config.yaml:4", "block scalars"),
        ("providers:\n  a:\n    url: http://x:1\n    models: [a, b\n", "config.yaml:4", "is not closed"),
        ("providers:\n  a:\n    url: \"http://x:1\n", "config.yaml:3", "is not closed on this line"),
        ("providers:\n  a:\n    url: http://x:1\n    system: a: b\n", "config.yaml:4", "'a: b' holds a ': '"),
        ("providers:\n  a:\n    url: http://x:1\n    url: http://y:1\n", "config.yaml:4", "'url' is set again"),
        ("providers:\n  a:\n    url: http://x:1\n     models: [m]\n", "config.yaml:4", "indented under line 3"),
        ("providers:\n  a:\n      url: http://x:1\n    models: [m]\n", "config.yaml:4", "indented differently"),
        ("providers:\n  a:\n    url: http://x:1\n    system: \"\\q\"\n", "config.yaml:4", "'\\q' is not an escape"),
        ("providers:\n  a:\n    url: http://x:1\n    models:\n    - \tm\n", "config.yaml:5", "a tab follows the '-'"),
        ("providers:\n  a:\n    url: http://x:1\n    models: [:m]\n", "config.yaml:4", "cannot start with ':'"),
        ("providers:\n  a:\n    url: http://x:1\n    system: \"a\u{7}\"\n", "config.yaml:4", "U+7"),
        ("providers:\n  - a\n", "config.yaml:2", "providers is a list; expected a mapping"),
        ("providers: 5\n", "config.yaml:1", "providers is '5'"),
        (
            "providers:\n  a:\n    url: http://x:1\n    models: [" + String(repeating: "[", count: 40) + "\n",
            "config.yaml:4", "nested"
        ),
    ])
    func eachMistakeNamesItsLineAndValue(yaml: String, location: String, detail: String) throws {
        do {
            _ = try providers(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            guard case .badConfiguration(let source, let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(source == location, "\(message)")
            #expect(message.contains(detail), "\(message)")
        }
    }

    @Test func otherSettingsAreCheckedAsBeforeAroundTheBlock() throws {
        #expect(throws: AishError.self) { try contents("providers:\n  a:\n    url: http://x:1\ncolour: never\n") }
        #expect(throws: AishError.self) { try contents("providers:\n  a:\n    url: &u http://x:1\n") }
        #expect(throws: AishError.self) { try contents("providers:\n  a: {url: http://x:1}\nproviders:\n") }
        let outline = try contents("color: never\nproviders:\n  a: {url: http://x:1}\nsession:\n  ttl: 3d\n")
        #expect(outline.lines == ["color": 1, "session.ttl": 5])
        #expect(outline.providers.map(\.url) == ["http://x:1"])
    }

    @Test func reportingListsABadBlockAndLoadsTheRest() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config.yaml"
        try "color: never\nproviders:\n  a:\n    url: ftp://x\nhistory_size: 7\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let (settings, problems) = await SettingsLoader.loadReporting(environment: ["AISH_CONFIG": path])
        #expect(problems.count == 1)
        #expect(problems.first?.description.contains("\(path):4") == true)
        #expect(settings.color == .never)
        #expect(settings.sources["history_size"] == .file(path: path, line: 5))
        await #expect(throws: AishError.self) { try await SettingsLoader.load(environment: ["AISH_CONFIG": path]) }
    }

    @Test func theKeyComesFromItsVariable() throws {
        let provider = ProviderSettings(name: "a", url: "http://x:1", apiKeyEnv: "MY_KEY", source: "config.yaml:2")
        #expect(try provider.apiKey(environment: ["MY_KEY": "  sk-123\n"]) == "sk-123")
        #expect(try provider.apiKey(environment: ["MY_KEY": ""]) == nil)
        #expect(try provider.apiKey(environment: [:]) == nil)
        #expect(try ProviderSettings(name: "a", url: "http://x:1", source: "s").apiKey(environment: [:]) == nil)
        do {
            _ = try provider.apiKey(environment: ["MY_KEY": "sk-secret with-space"])
            Issue.record("a key with a space was accepted")
        } catch {
            #expect(error.description.contains("$MY_KEY"))
            #expect(!error.description.contains("sk-secret"))
        }
    }

    @Test func theKeyFileMustBePrivate() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = "sk-file-7f3a9c"
        try write(secret + "\n", to: folder + "/key", mode: 0o600)
        var provider = ProviderSettings(name: "a", url: "http://x:1", apiKeyFile: "~/key", source: "config.yaml:2")
        #expect(try provider.apiKey(environment: ["HOME": folder]) == secret)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder + "/key")
        do {
            _ = try provider.apiKey(environment: ["HOME": folder])
            Issue.record("a 0644 key file was accepted")
        } catch {
            #expect(error.description.contains("config.yaml:2"))
            #expect(error.description.contains("mode 0644"))
            #expect(error.description.contains("chmod 600 \(folder)/key"))
            #expect(!error.description.contains(secret))
        }

        provider.apiKeyFile = folder + "/missing"
        do {
            _ = try provider.apiKey(environment: [:])
            Issue.record("a missing key file was accepted")
        } catch {
            #expect(error.description.contains("providers.a.api_key_file is '\(folder)/missing', which does not exist"))
        }

        try write("\n", to: folder + "/empty", mode: 0o600)
        provider.apiKeyFile = folder + "/empty"
        #expect(throws: AishError.self) { try provider.apiKey(environment: [:]) }
    }

    @Test func aKeyPastedAsTheVariableNameIsNotEchoed() throws {
        let yaml = "providers:\n  a:\n    url: http://x:1\n    api_key_env: sk-proj-Q9x7\n"
        do {
            _ = try providers(yaml)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("config.yaml:4"))
            #expect(!error.description.contains("sk-proj-Q9x7"))
        }
    }

    @Test func aishProviderVariablesAddTheEnvProvider() async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.example.write(toFile: folder + "/config.yaml", atomically: true, encoding: .utf8)
        let environment = [
            "AISH_CONFIG": folder + "/config.yaml", "AISH_PROVIDER_URL": " http://10.0.0.2:8000/v1 ",
            "AISH_PROVIDER_KEY": "sk-env", "AISH_PROVIDER_MODELS": "llama3.1, qwen2.5-coder,,",
        ]
        let settings = try await SettingsLoader.load(environment: environment)
        #expect(settings.providers.map(\.name) == ["local", "env"])
        let provider = try #require(settings.providers.last)
        #expect(
            provider
                == ProviderSettings(
                    name: "env", url: "http://10.0.0.2:8000/v1", apiKeyEnv: "AISH_PROVIDER_KEY",
                    models: ["llama3.1", "qwen2.5-coder"], source: "AISH_PROVIDER_URL"))
        #expect(try provider.apiKey(environment: environment) == "sk-env")

        let bare = try #require(try ProviderSettings.fromEnvironment(["AISH_PROVIDER_URL": "http://h:1"]))
        #expect(bare.apiKeyEnv == nil && bare.models == nil)
        #expect(try ProviderSettings.fromEnvironment(["AISH_PROVIDER_URL": "", "AISH_PROVIDER_KEY": "k"]) == nil)
    }

    @Test(arguments: [
        (["AISH_PROVIDER_URL": "ftp://x"], "AISH_PROVIDER_URL", "AISH_PROVIDER_URL is 'ftp://x'; expected an http://"),
        (["AISH_PROVIDER_URL": "http://x:1", "AISH_PROVIDER_MODELS": "a,b c"], "AISH_PROVIDER_MODELS", "has 'b c'"),
        (["AISH_PROVIDER_URL": "http://h:1/v1#x"], "AISH_PROVIDER_URL", "expected the API's base without a query"),
        (
            ["AISH_PROVIDER_URL": "localhost:11434/v1"], "AISH_PROVIDER_URL",
            "expected the address with its scheme, http://localhost:11434/v1 (https:// if the server has TLS)"
        ),
    ])
    func aBadVariableIsNamed(environment: [String: String], source: String, detail: String) async throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let variables = environment.merging(["AISH_CONFIG": folder + "/none.yaml"]) { $1 }
        do {
            _ = try await SettingsLoader.load(environment: variables)
            Issue.record("accepted: \(environment)")
        } catch {
            guard case .badConfiguration(let named, let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(named == source)
            #expect(message.contains(detail), "\(message)")
        }
    }

    @Test func configShowDescribesProvidersWithoutTheirKeys() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = "sk-distinctive-40c2e1"
        try write(secret, to: folder + "/key", mode: 0o600)
        var settings = AishSettings()
        settings.providers = [
            ProviderSettings(
                name: "local", url: "http://127.0.0.1:11434/v1", apiKeyEnv: "OPENAI_API_KEY",
                models: ["llama3.1", "qwen2.5-coder"], source: "config.yaml:2"),
            ProviderSettings(name: "lab", url: "https://lab/v1", apiKeyFile: folder + "/key", source: "config.yaml:9"),
            ProviderSettings(name: "env", url: "http://h:1", source: "AISH_PROVIDER_URL"),
        ]
        let environment = ["OPENAI_API_KEY": secret]
        let report = SettingsReport(settings: settings, path: "config.yaml", token: nil, environment: environment)
        let rows = report.rows.filter { $0.key.hasPrefix("providers.") }
        #expect(
            rows == [
                .init(
                    key: "providers.local",
                    value: "http://127.0.0.1:11434/v1, models llama3.1 qwen2.5-coder, key from $OPENAI_API_KEY (set)",
                    source: "config.yaml:2"),
                .init(
                    key: "providers.lab",
                    value: "https://lab/v1, models from GET /models, key file \(folder)/key (set)",
                    source: "config.yaml:9"),
                .init(
                    key: "providers.env", value: "http://h:1, models from GET /models, no key",
                    source: "AISH_PROVIDER_URL"),
            ])
        #expect(!report.table().contains(secret))
        #expect(!report.json().contains(secret))
        #expect(report.json().contains("providers.local"))
        #expect(
            SettingsReport(settings: settings, path: "c", token: nil, environment: [:]).rows.contains {
                $0.value.hasSuffix("$OPENAI_API_KEY (unset)")
            })
    }
}
