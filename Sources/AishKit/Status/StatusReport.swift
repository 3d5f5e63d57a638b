import Foundation

/// The words and JSON of `aish status`.
public struct StatusReport {
    public let probe: ServerProbe
    public let tokenSource: TokenStore.Source?
    public let local: LocalState
    /// What answers at the URL when it is not Tekton: an OpenAI-compatible API (at
    /// this base) or neither, and whether a key was sent to find out.
    public var elsewhere: (baseURL: String, probe: OpenAIProbe, usedKey: Bool)?
    /// The configured providers and what each answered.
    public var providers: [ProviderProbe] = []

    /// One configured provider, as `aish status` found it.
    public struct ProviderProbe: Sendable {
        public var name: String
        public var baseURL: String
        public var probe: OpenAIProbe

        public init(name: String, baseURL: String, probe: OpenAIProbe) {
            self.name = name
            self.baseURL = baseURL
            self.probe = probe
        }
    }

    /// A report of `probe`, the token's source and the local files.
    public init(probe: ServerProbe, tokenSource: TokenStore.Source?, local: LocalState) {
        self.probe = probe
        self.tokenSource = tokenSource
        self.local = local
    }

    /// What answers at a URL.
    public enum ServerKind: String, Sendable, Encodable {
        case tekton
        case openAICompatible = "openai-compatible"
        case neither
    }

    /// What the URL is; nil when nothing answers.
    public var kind: ServerKind? {
        switch probe.failure {
        case nil: .tekton
        case .notTekton?: elsewhere?.probe.isCompatible == true ? .openAICompatible : .neither
        default: probe.capabilities == nil ? nil : .tekton
        }
    }

    private var kindText: String? {
        switch kind {
        case .tekton?:
            return probe.capabilities?.isV1Only == true ? "Tekton, v1 only (as Rhetor serves today)" : "Tekton"
        case .openAICompatible?:
            guard let elsewhere else { return nil }
            let what = "an OpenAI-compatible API at \(elsewhere.baseURL), not Tekton: " + Self.describe(elsewhere.probe)
            if let name = configuredProvider {
                return what + "; configured as provider \(name): chat with `aish \(name)/MODEL`"
            }
            return what + "; add it as a provider (below) to chat with its models"
        case .neither?:
            let detail = elsewhere.map { Self.describe($0.probe) } ?? ""
            return "neither Tekton nor an OpenAI-compatible API (\(detail)); check the URL"
        case nil:
            return nil
        }
    }

    /// The configured provider at the URL that is not Tekton, if one is: then there
    /// is nothing to add to config.yaml.
    var configuredProvider: String? {
        guard let elsewhere else { return nil }
        let base = Self.trimmed(elsewhere.baseURL)
        return providers.first { Self.trimmed($0.baseURL) == base }?.name
    }

    private static func trimmed(_ url: String) -> String {
        var url = url.lowercased()
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// `3 models: a, b, c`, `needs an API key`, or why it is no such API.
    static func describe(_ probe: OpenAIProbe) -> String {
        switch probe {
        case .compatible(let models) where models.isEmpty: "no models listed"
        case .compatible(let models):
            "\(models.count) model\(models.count == 1 ? "" : "s"): "
                + models.prefix(6).joined(separator: ", ") + (models.count > 6 ? ", …" : "")
        case .needsKey(let hasKey): hasKey ? "refused the API key (HTTP 401)" : "needs an API key (HTTP 401)"
        case .notCompatible(let detail): detail
        case .unreachable(let reason): "unreachable: \(reason)"
        }
    }

    /// The report as aligned rows.
    public func table() -> String {
        var rows: [(String, String)] = [("server", probe.url)]
        if case .notTekton(_, let detail)? = probe.failure {
            rows.append(("reachable", "yes, but \(detail)"))
        } else if let failure = probe.failure {
            rows.append(("reachable", "no: \(failure)"))
        } else {
            let roundTrip = probe.roundTripSeconds.map { String(format: "%.1f ms", $0 * 1000) } ?? "?"
            rows.append(("reachable", "yes, round trip \(roundTrip)"))
        }
        if let kindText { rows.append(("kind", kindText)) }
        if let elsewhere, configuredProvider == nil,
            let text = elsewhere.probe.suggestedConfiguration(url: elsewhere.baseURL, usedKey: elsewhere.usedKey)
        {
            rows.append(("config.yaml", text.trimmingCharacters(in: .newlines)))
        }
        if let capabilities = probe.capabilities, probe.failure == nil {
            rows.append(
                ("version", capabilities.isV1Only ? "v1 only (no /api/capabilities)" : capabilities.version ?? "?"))
            rows.append(("features", Self.features(capabilities)))
        }
        if let transport = probe.transport {
            rows.append(("transport", "\(transport.kind.displayName) (\(transport.reason))"))
        }
        if let oneShot = probe.oneShotTransport {
            rows.append(("one-shot", "\(oneShot.kind.displayName) (one message, no connection to reuse)"))
        }
        rows.append(("token", tokenText))
        for provider in providers {
            rows.append(("provider " + provider.name, "\(provider.baseURL): " + Self.describe(provider.probe)))
        }
        let size = local.databaseBytes.map { Self.bytes($0) } ?? "not created yet"
        rows.append(("database", "\(local.databasePath) (\(size))"))
        rows.append(("session key", "\(local.keySource) (\(local.keyExists ? "present" : "made on first use"))"))
        if let store = local.store {
            let pending = local.pending ?? (0, 0)
            let waiting =
                pending.sessions == 0
                ? "nothing waits on this machine"
                : "\(pending.sessions) session(s), \(pending.messages) message(s) wait on this machine for "
                    + "`aish sessions sync`"
            let state =
                local.storeProblem.map { "UNREACHABLE or refused: \($0)\n" }
                ?? local.storeSessions.map { "\($0) session(s) of this key; " } ?? ""
            rows.append(("session store", "\(store) (\(state)\(waiting))"))
        }
        let width = rows.map(\.0.count).max() ?? 0
        let indent = String(repeating: " ", count: width + 2)
        return rows.map { label, value in
            label.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + value.replacingOccurrences(of: "\n", with: "\n" + indent)
        }.joined(separator: "\n") + "\n"
    }

    private var tokenText: String {
        let source = tokenSource.map { "from \($0)" } ?? "none"
        switch probe.authentication {
        case .accepted?: return "\(source): accepted"
        case .refused?: return "\(source): REFUSED by the server (HTTP 401)"
        case .required?: return "none: the server needs one (--token, AISH_TOKEN or `aish login`)"
        case .notNeeded?:
            return tokenSource == nil ? "none (the server needs none)" : "\(source) (the server needs none)"
        case .notApplicable?: return "\(source) (a v1 server has no authentication)"
        case nil: return "\(source) (not checked)"
        }
    }

    /// The report as a JSON object.
    public func json() -> String {
        let report = JSONForm(
            url: probe.url,
            // Something answered even where it is not Tekton.
            reachable: probe.failure == nil || kind == .openAICompatible || kind == .neither,
            usable: probe.isUsable,
            kind: kind,
            openaiCompatible: elsewhere.map {
                .init(baseURL: $0.baseURL, description: Self.describe($0.probe), needsKey: $0.probe.needsKey)
            },
            suggestedConfiguration: configuredProvider != nil
                ? nil
                : elsewhere.flatMap {
                    $0.probe.suggestedConfiguration(url: $0.baseURL, usedKey: $0.usedKey)
                },
            providers: providers.map {
                .init(
                    name: $0.name, baseURL: $0.baseURL, reachable: $0.probe.isCompatible,
                    description: Self.describe($0.probe), needsKey: $0.probe.needsKey)
            },
            error: probe.failure?.description,
            roundTripMs: probe.roundTripSeconds.map { ($0 * 1e4).rounded() / 10 },
            version: probe.capabilities.map { $0.isV1Only ? "v1" : $0.version ?? "?" },
            features: probe.capabilities.map(Self.featureNames),
            transport: probe.transport.map { .init(kind: $0.kind.rawValue, reason: $0.reason) },
            oneShotTransport: probe.oneShotTransport.map { .init(kind: $0.kind.rawValue, reason: $0.reason) },
            token: .init(source: tokenSource.map { "\($0)" }, status: probe.authentication?.rawValue),
            database: .init(path: local.databasePath, bytes: local.databaseBytes),
            sessionKey: .init(source: local.keySource, present: local.keyExists),
            sessionStore: local.store.map {
                .init(
                    url: $0, reachable: local.storeProblem == nil, sessions: local.storeSessions,
                    error: local.storeProblem, pendingSessions: local.pending?.sessions ?? 0,
                    pendingMessages: local.pending?.messages ?? 0)
            }
        )
        return (PrettyJSON.text(report, snakeCase: true) ?? "{}") + "\n"
    }

    /// The JSON shape of the report; absent values are left out.
    private struct JSONForm: Encodable {
        struct Transport: Encodable {
            var kind: String
            var reason: String
        }
        struct Token: Encodable {
            var source: String?
            var status: String?
        }
        struct Database: Encodable {
            var path: String
            var bytes: Int?
        }
        struct Key: Encodable {
            var source: String
            var present: Bool
        }
        struct OpenAI: Encodable {
            var baseURL: String
            var description: String
            var needsKey: Bool
        }
        struct Provider: Encodable {
            var name: String
            var baseURL: String
            var reachable: Bool
            var description: String
            var needsKey: Bool
        }
        var url: String
        var reachable: Bool
        var usable: Bool
        var kind: ServerKind?
        var openaiCompatible: OpenAI?
        var suggestedConfiguration: String?
        var providers: [Provider]
        var error: String?
        var roundTripMs: Double?
        var version: String?
        var features: [String]?
        var transport: Transport?
        var oneShotTransport: Transport?
        var token: Token
        var database: Database
        var sessionKey: Key
        struct Store: Encodable {
            var url: String
            var reachable: Bool
            var sessions: Int?
            var error: String?
            var pendingSessions: Int
            var pendingMessages: Int
        }
        var sessionStore: Store?
    }

    private static func featureNames(_ capabilities: ServerCapabilities) -> [String] {
        let features = capabilities.features
        return [
            ("streaming", features.streaming), ("sessions", features.sessions),
            ("bulk_operations", features.bulkOperations), ("websocket", features.websocket),
            ("enhanced_discovery", features.enhancedDiscovery),
        ].filter(\.1).map(\.0)
    }

    private static func features(_ capabilities: ServerCapabilities) -> String {
        let names = featureNames(capabilities)
        return names.isEmpty ? "none (v1 routes only)" : names.joined(separator: ", ")
    }

    private static func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) bytes" : String(format: "%.1f KiB", Double(count) / 1024)
    }
}
