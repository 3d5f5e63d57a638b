/// Everything that can go wrong in aish that a user needs to hear about.
///
/// Each case's `description` says what went wrong, with the offending value, and
/// what to do about it. It never contains a token or message content.
public enum AishError: Error, Sendable, Equatable {
    /// No connection could be made to the server.
    case serverUnreachable(url: String, reason: String)
    /// Something answers at the URL, but not as Tekton (its roster route is missing);
    /// `detail` says what it answered.
    case notTekton(url: String, detail: String)
    /// No connection could be made to a provider's OpenAI-compatible server.
    case providerUnreachable(provider: String, url: String, reason: String)
    /// The TLS handshake with the server at `url` (Tekton's, or a `provider`'s) failed.
    case tlsFailed(url: String, provider: String?, failure: TLSFailure)
    /// No specialist on the server matches the name; `suggestions` are close matches.
    case unknownSpecialist(name: String, suggestions: [String])
    /// More than one specialist id matches a bare name.
    case ambiguousSpecialist(name: String, candidates: [String])
    /// The specialist exists but is not healthy (HTTP 503, or `healthy: false`).
    case specialistUnavailable(id: String, detail: String)
    /// The server found the specialist unhealthy and keeps that answer for
    /// `recheckSeconds` (Tekton's Rhetor caches health for 30 s): asking again sooner
    /// gets the same answer, so aish does not.
    case specialistUnhealthy(id: String, detail: String, recheckSeconds: Int)
    /// The server answered the request with a failure (v1 `success: false`, a fatal
    /// stream error event, or an error body).
    case specialistFailed(id: String, code: String?, message: String)
    /// The connection ended before the reply was complete and could not be resumed.
    case streamInterrupted(id: String, reason: String)
    /// The server-side session of a chat with specialist `id` has expired (HTTP 410
    /// `SESSION_EXPIRED`, JSON-RPC -32000).
    case sessionExpired(id: String, detail: String)
    /// The message to send is empty.
    case emptyMessage
    /// The server sent something aish cannot read.
    case malformedResponse(url: String, detail: String)
    /// The server answered with an unexpected HTTP status.
    case unexpectedStatus(url: String, status: Int, detail: String)
    /// The server offers WebSocket but refused to upgrade the connection to one.
    case webSocketRefused(url: String)
    /// The forced transport is not offered by the server.
    case transportUnavailable(TransportKind, reason: String)
    /// A command-line value is invalid.
    case invalidArgument(name: String, value: String, hint: String)
    /// The server refused the request for want of a valid token (HTTP 401,
    /// JSON-RPC -32004, WebSocket close 1008); `hasToken` says whether aish sent one.
    case unauthorized(url: String, hasToken: Bool)
    /// An OpenAI-compatible provider refused the request for want of a valid API key
    /// (HTTP 401 or 403); `hasKey` says whether aish sent one.
    case apiKeyRefused(provider: String, url: String, hasKey: Bool)
    /// The server kept refusing the request for its rate limit (HTTP 429, JSON-RPC
    /// -32003) after `attempts` tries; `retryAfter` is its last advice, in seconds.
    case rateLimited(url: String, retryAfter: Int?, attempts: Int)
    /// A token given to aish is empty or malformed; `source` says where it came from.
    case invalidToken(source: String, reason: String)
    /// The token file may be read by others than its owner.
    case tokenFileUnsafe(path: String, mode: String)
    /// The token file cannot be read or written.
    case tokenFileUnreadable(path: String, reason: String)
    /// A setting in `config.yaml` or an `AISH_*` variable is wrong; `source` names
    /// the variable, or the file and line.
    case badConfiguration(source: String, detail: String)
    /// No specialist on the server names the capability; `suggestions` are close
    /// capabilities (or specialists), `known` every capability the server has.
    case unknownCapability(name: String, suggestions: [String], known: [String])
    /// No active specialist offers the capability (scoring at least `minScore`).
    case noSpecialistForCapability(capability: String, minScore: Double?)
}

extension AishError: CustomStringConvertible {
    /// What went wrong and what to do, safe to print: text a server sent (its error
    /// messages and codes) passes through ``TerminalText/sanitized(_:)``.
    public var description: String { TerminalText.sanitized(explanation) }

    private var explanation: String {
        switch self {
        case .serverUnreachable(let url, let reason):
            return """
                cannot reach the Tekton server at \(url) (\(reason)).
                Start one with `aish mock`, try `aish --mock …` for a built-in one, \
                or point aish elsewhere with --url or AISH_URL.
                """
        case .providerUnreachable(let provider, let url, let reason):
            let setting = provider == "env" ? "AISH_PROVIDER_URL" : "providers.\(provider).url in config.yaml"
            return """
                cannot reach the OpenAI-compatible server of provider \(provider) at \(url) (\(reason)). \
                Start it (Ollama: `ollama serve`), or check \(setting).
                """
        case .tlsFailed(let url, let provider, let failure):
            let server = provider.map { "the OpenAI-compatible server of provider \($0) at \(url)" } ?? url
            return "cannot connect securely to \(server): \(failure.reason). \(failure.remedy(url: url))"
        case .notTekton(let url, let detail):
            if let base = Self.withoutAPIPath(url) {
                return "\(url) is not a Tekton server (\(detail)): aish adds Tekton's routes (/api/v1/…) to "
                    + "the address itself; give the server's address alone, \(base)."
            }
            return """
                \(url) is not a Tekton server (\(detail)). If it is an OpenAI-compatible API (Ollama, \
                llama.cpp, vLLM, LM Studio…), add it under providers: in config.yaml; \
                `aish status --url \(url)` says what to write.
                """
        case .unknownSpecialist(let name, let suggestions):
            if suggestions.isEmpty {
                return "no specialist named '\(name)' on this server. Run `aish specialists` to list them."
            }
            return "no specialist named '\(name)'. Did you mean: \(suggestions.joined(separator: ", "))?"
        case .ambiguousSpecialist(let name, let candidates):
            return "'\(name)' matches several specialists: \(candidates.joined(separator: ", ")). Use the full id."
        case .specialistUnavailable(let id, let detail):
            return
                "specialist \(id) is unavailable: \(detail.sentence) Check `aish specialists`, or try another specialist."
        case .specialistUnhealthy(let id, let detail, let seconds):
            return
                "specialist \(id) is unavailable: \(detail.sentence) The server re-checks its health every \(seconds) s, "
                + "so asking sooner gets the same answer: try again in \(seconds) s, or try another specialist."
        case .specialistFailed(let id, let code, let message):
            let tag = code.map { " [\($0)]" } ?? ""
            return "\(id) failed\(tag): \(message.sentence)"
        case .streamInterrupted(let id, let reason):
            return "the reply from \(id) was cut off (\(reason)); the text received so far was kept."
        case .sessionExpired(let id, let detail):
            return """
                the session with \(id) has expired on the server: \(detail.sentence) \
                Sessions end after a while without messages; start a new conversation and send the message again.
                """
        case .emptyMessage:
            return "the message is empty. Give it as an argument (aish apollo \"…\") or on standard input."
        case .malformedResponse(let url, let detail):
            return "the server sent a response aish cannot read from \(url): \(detail). Is --url a Tekton server?"
        case .unexpectedStatus(let url, let status, let detail):
            return "the server answered HTTP \(status) for \(url): \(detail)"
        case .webSocketRefused(let url):
            return """
                the server refused to open a WebSocket at \(url), although it says it offers one \
                (a proxy in between may not pass WebSocket upgrades). Try `--transport sse`.
                """
        case .transportUnavailable(let kind, let reason):
            return "the \(kind.displayName) transport is not available: \(reason). Drop --transport to let aish choose."
        case .invalidArgument(let name, let value, let hint):
            return value.isEmpty ? "no \(name) given: \(hint)" : "invalid value '\(value)' for \(name): \(hint)"
        case .unauthorized(let url, let hasToken):
            if hasToken {
                return """
                    the server at \(url) did not accept the token (HTTP 401). Check it, or save a new one \
                    with `aish login`; `aish status` shows which token aish uses.
                    """
            }
            return """
                the server at \(url) needs a token (HTTP 401). Give one with --token or AISH_TOKEN, \
                or save it with `aish login`.
                """
        case .apiKeyRefused(let provider, let url, let hasKey):
            let keys =
                provider == "env"
                ? "AISH_PROVIDER_KEY"
                : "providers.\(provider).api_key_env (the variable that holds it) or api_key_file "
                    + "(a file of mode 0600) in config.yaml"
            if hasKey {
                return "the OpenAI-compatible server at \(url) (provider \(provider)) did not accept the API key "
                    + "(HTTP 401). Check the key that \(keys) gives."
            }
            return "the OpenAI-compatible server at \(url) (provider \(provider)) needs an API key (HTTP 401). "
                + "Give it with \(keys)."
        case .rateLimited(let url, let retryAfter, let attempts):
            let tries = attempts == 1 ? "once" : "\(attempts) times"
            let advice = retryAfter.map { "try again in \($0) s" } ?? "try again later"
            return """
                the server at \(url) refused the request for its rate limit (HTTP 429), \(tries); \(advice), \
                or send fewer requests at once.
                """
        case .invalidToken(let source, let reason):
            return "the token from \(source) is not usable: \(reason). Give the token exactly as the server issued it."
        case .tokenFileUnsafe(let path, let mode):
            return """
                the token file \(path) may be read by others (mode \(mode)); aish will not use it. \
                Run `chmod 600 \(path)`, or save the token again with `aish login`.
                """
        case .tokenFileUnreadable(let path, let reason):
            return "cannot use the token file \(path): \(reason). Save a token there with `aish login`."
        case .badConfiguration(let source, let detail):
            return "bad configuration in \(source): \(detail.sentence) Fix it; `aish config show` lists every setting."
        case .unknownCapability(let name, let suggestions, let known):
            if !suggestions.isEmpty {
                return
                    "no capability named '\(name)' on this server. Did you mean: \(suggestions.joined(separator: ", "))?"
            }
            guard !known.isEmpty else {
                return
                    "no capability named '\(name)': this server lists no capabilities at all. Name a specialist instead."
            }
            let shown = known.prefix(30).joined(separator: ", ") + (known.count > 30 ? ", …" : "")
            return "no capability named '\(name)' on this server. It knows: \(shown)."
        case .noSpecialistForCapability(let capability, let minScore):
            let floor = minScore.map { " with a score of at least \($0)" } ?? ""
            return """
                no active specialist offers \(capability)\(floor). \
                See `aish discover --capability \(capability) --status all`\(minScore == nil ? "" : ", or lower --min-score").
                """
        }
    }

    /// The process exit status for this error (documented in `aish --help` and the man page).
    public var exitCode: Int32 {
        switch self {
        case .specialistFailed, .streamInterrupted, .sessionExpired: 1
        case .emptyMessage, .invalidArgument, .transportUnavailable, .invalidToken: 64
        case .malformedResponse, .unexpectedStatus: 65
        case .unknownSpecialist, .ambiguousSpecialist, .unknownCapability: 67
        case .serverUnreachable, .notTekton, .providerUnreachable, .tlsFailed, .specialistUnavailable,
            .specialistUnhealthy,
            .webSocketRefused,
            .rateLimited,
            .noSpecialistForCapability:
            69
        case .unauthorized, .apiKeyRefused: 77
        case .tokenFileUnsafe, .tokenFileUnreadable, .badConfiguration: 78
        }
    }
}

extension AishError {
    /// A stable name for the kind of error, for programs (`--json`): the case's
    /// name in snake_case, such as `server_unreachable` or `unauthorized`.
    public var code: String {
        switch self {
        case .serverUnreachable: "server_unreachable"
        case .notTekton: "not_tekton"
        case .providerUnreachable: "provider_unreachable"
        case .tlsFailed: "tls_failed"
        case .unknownSpecialist: "unknown_specialist"
        case .ambiguousSpecialist: "ambiguous_specialist"
        case .specialistUnavailable: "specialist_unavailable"
        case .specialistUnhealthy: "specialist_unhealthy"
        case .specialistFailed: "specialist_failed"
        case .streamInterrupted: "stream_interrupted"
        case .sessionExpired: "session_expired"
        case .emptyMessage: "empty_message"
        case .malformedResponse: "malformed_response"
        case .unexpectedStatus: "unexpected_status"
        case .webSocketRefused: "websocket_refused"
        case .transportUnavailable: "transport_unavailable"
        case .invalidArgument: "invalid_argument"
        case .unauthorized: "unauthorized"
        case .apiKeyRefused: "api_key_refused"
        case .rateLimited: "rate_limited"
        case .invalidToken: "invalid_token"
        case .tokenFileUnsafe: "token_file_unsafe"
        case .tokenFileUnreadable: "token_file_unreadable"
        case .badConfiguration: "bad_configuration"
        case .unknownCapability: "unknown_capability"
        case .noSpecialistForCapability: "no_specialist_for_capability"
        }
    }
}

extension String {
    /// The text as a sentence: trimmed, ending in exactly one full stop.
    fileprivate var sentence: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace || last == "." { text.removeLast() }
        if let last = text.last, last == "?" || last == "!" { return String(text) }
        return text + "."
    }
}

extension AishError {
    /// The address without a trailing `/api` (or `/api/v1`, `/api/v2`), when it has
    /// one: aish adds Tekton's routes to the address itself, so such a path is a slip.
    static func withoutAPIPath(_ url: String) -> String? {
        for suffix in ["/api", "/api/v1", "/api/v2"] where url.lowercased().hasSuffix(suffix) {
            let base = String(url.dropLast(suffix.count))
            return base.contains("://") && !base.hasSuffix("/") ? base : nil
        }
        return nil
    }

    /// Whether Tekton could not be asked at all: nothing answers at its URL, something
    /// that is not Tekton does, or no secure connection could be made to it.
    public var isTektonOutage: Bool {
        switch self {
        case .serverUnreachable, .notTekton, .tlsFailed(_, provider: nil, _): true
        default: false
        }
    }

    /// Whether this is ``unknownSpecialist(name:suggestions:)``.
    public var isUnknownSpecialist: Bool {
        if case .unknownSpecialist = self { true } else { false }
    }

    /// Whether this is ``unknownCapability(name:suggestions:known:)``.
    public var isUnknownCapability: Bool {
        if case .unknownCapability = self { true } else { false }
    }
}
