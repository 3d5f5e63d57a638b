import AsyncHTTPClient

/// What `aish status --url URL` learns by asking a URL for an OpenAI-compatible
/// model list (`GET {URL}/models`).
public enum OpenAIProbe: Sendable, Equatable {
    /// The URL answers as an OpenAI-compatible API, with these models.
    case compatible(models: [String])
    /// The URL is such an API but refused the key, or wants one (HTTP 401/403).
    case needsKey(hasKey: Bool)
    /// Something answers, but not as an OpenAI-compatible API; `detail` says how.
    case notCompatible(detail: String)
    /// Nothing answers.
    case unreachable(reason: String)

    /// Whether the API wants a key it was not given, or refused the one it was.
    public var needsKey: Bool {
        if case .needsKey = self { true } else { false }
    }

    /// Whether the URL is an OpenAI-compatible API (with or without a key).
    public var isCompatible: Bool {
        switch self {
        case .compatible, .needsKey: true
        case .notCompatible, .unreachable: false
        }
    }
}

extension OpenAIEndpoint {
    /// Tells whether this endpoint's URL is an OpenAI-compatible API: its `GET /models`
    /// answers `{"data": [{"id"}]}` (or refuses the key as such APIs do). Failures are
    /// part of the answer, never thrown.
    public func probe() async -> OpenAIProbe {
        do {
            return .compatible(models: try await models())
        } catch AishError.apiKeyRefused(_, _, let hasKey) {
            return .needsKey(hasKey: hasKey)
        } catch AishError.providerUnreachable(_, _, let reason) {
            return .unreachable(reason: reason)
        } catch AishError.tlsFailed(let url, _, let failure) {
            return .unreachable(reason: "\(failure.reason). \(failure.remedy(url: url))")
        } catch AishError.unexpectedStatus(_, let status, _) {
            return .notCompatible(detail: "GET \(url("/models")) answered HTTP \(status)")
        } catch AishError.malformedResponse(_, let detail) {
            return .notCompatible(detail: detail)
        } catch {
            return .notCompatible(detail: String(describing: error))
        }
    }
}

extension OpenAIProbe {
    /// Probes `url` as given and, when that is not an OpenAI-compatible API, with
    /// `/v1` after it (people give Ollama's `http://127.0.0.1:11434`); returns the
    /// base that answered best and its probe. Never throws: an unusable `url` is
    /// `.notCompatible`.
    public static func find(
        at url: String, apiKey: String? = nil, httpClient: HTTPClient = TektonClient.defaultHTTPClient
    )
        async -> (baseURL: String, probe: OpenAIProbe)
    {
        let endpoint: OpenAIEndpoint
        do {
            endpoint = try OpenAIEndpoint(name: "probe", baseURL: url, apiKey: apiKey, httpClient: httpClient)
        } catch {
            return (url, .notCompatible(detail: "not an http:// or https:// URL"))
        }
        let asGiven = await endpoint.probe()
        guard case .notCompatible = asGiven, !endpoint.baseURL.hasSuffix("/v1"),
            let withV1 = try? OpenAIEndpoint(
                name: "probe", baseURL: endpoint.baseURL + "/v1", apiKey: apiKey, httpClient: httpClient)
        else { return (endpoint.baseURL, asGiven) }
        let second = await withV1.probe()
        return second.isCompatible ? (withV1.baseURL, second) : (endpoint.baseURL, asGiven)
    }

    /// `providerKey` when `url` is `providerURL`'s server (with or without `/v1`), else
    /// nil: a key is sent only to the server it was given for.
    public static func key(for url: String, providerURL: String?, providerKey: String?) -> String? {
        func base(_ text: String) -> String {
            var trimmed = text.trimmingWhitespace()
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            if trimmed.hasSuffix("/v1") { trimmed.removeLast(3) }
            return trimmed.lowercased()
        }
        guard let providerURL, let providerKey, !providerKey.isEmpty, base(providerURL) == base(url) else { return nil }
        return providerKey
    }

    /// What to add to `config.yaml` to use the API at `url` as provider `name`, for
    /// `aish status` to print; `nil` when the URL is not such an API. `usedKey` says a
    /// key was sent (and accepted), so the configuration must name one too.
    public func suggestedConfiguration(name: String = "local", url: String, usedKey: Bool = false) -> String? {
        let models: [String]
        switch self {
        case .compatible(let found): models = found
        case .needsKey: models = []
        case .notCompatible, .unreachable: return nil
        }
        var lines = ["providers:", "  \(name):", "    url: \(url)"]
        if needsKey || usedKey {
            lines.append("    api_key_env: OPENAI_API_KEY        # or api_key_file (mode 0600)")
        }
        if !models.isEmpty {
            let quoted = models.prefix(8).map {
                "\"" + $0.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
            }
            lines.append("    models: [\(quoted.joined(separator: ", "))]\(models.count > 8 ? "   # and more" : "")")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
