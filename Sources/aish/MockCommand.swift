import AishKit
import AishMockServer
import ArgumentParser

/// `aish mock`: the built-in mock specialist server, serving the whole protocol.
struct MockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Run the built-in mock Tekton server until interrupted.",
        discussion: """
            Replies are made up deterministically from the specialist and the message. \
            Faults can be injected for every request with --fault, or per request with \
            the X-Aish-Fault header, as items separated by commas (no spaces): \
            `drop-after=N`, `error-at=N`, `fatal-at=N`, `first-token-delay=SECONDS`, \
            `rate-limited=N`, `unavailable`, `refuse-stream-options`, `refuse-max-tokens`.

            With --token (repeatable), every v2 route and WebSocket needs \
            `Authorization: Bearer TOKEN`; a WebSocket may instead send `auth` first, \
            within 5 s. Limits answer 429 (or JSON-RPC -32003) with Retry-After. With \
            --tls-cert and --tls-key the server speaks https and wss.

            With --rhetor the server answers as Tekton's Rhetor does today: v1 routes and \
            team chat only, `-ci` ids, one request in flight per specialist, simulated \
            streaming (--rhetor-pace). A message containing `[model-error]`, \
            `[no-response]` or `[tokens=N]` gets a failed model, a closed socket or a \
            reply of N tokens.

            The models of its OpenAI-compatible API (under /v1) think aloud before they \
            answer, as reasoning models do (`reasoning_content`), when the message \
            contains `[think]`. With `[think-inline]`, every specialist and model writes \
            its thinking into the text, `<think>…</think>` first, as a reasoning model \
            does behind Tekton or a server without a reasoning parser.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 lets the system choose).")
    var port = 8003

    @Option(help: ArgumentHelp("Pace of replies; 0 sends as fast as possible.", valueName: "n"))
    var tokensPerSecond: Double = 40

    @Option(help: ArgumentHelp("Seconds before the first token, e.g. 0.25.", valueName: "seconds"))
    var firstTokenLatency: Double = 0.35

    @Option(help: ArgumentHelp("Faults to inject into every streamed reply.", valueName: "faults"))
    var fault: String?

    @Option(
        name: .customLong("token"),
        help: ArgumentHelp(
            "A bearer token the server accepts (repeatable; other users can see it in ps, so prefer --token-file); without one, no auth.",
            valueName: "token")
    )
    var tokens: [String] = []

    @Option(
        name: .customLong("token-file"),
        help: ArgumentHelp("A 0600 file holding a bearer token the server accepts (repeatable).", valueName: "path")
    )
    var tokenFiles: [String] = []

    @Option(help: ArgumentHelp("Requests per client and period, such as 60/m or 5/2s.", valueName: "rate"))
    var rateLimit: String?

    @Option(help: ArgumentHelp("Streams one client may have at once.", valueName: "n"))
    var maxStreams: Int?

    @Option(help: ArgumentHelp("WebSocket messages per second, per connection.", valueName: "n"))
    var wsMessagesPerSecond: Double?

    @Option(help: ArgumentHelp("The largest message accepted, in bytes.", valueName: "bytes"))
    var maxMessageSize: Int = 1 << 20

    @Option(help: ArgumentHelp("Seconds a server-side session lives without activity.", valueName: "seconds"))
    var sessionTTL: Double = 1800

    @Flag(help: "Answer as Tekton's Rhetor does today: v1 routes only, -ci ids, simulated streaming.")
    var rhetor = false

    @Flag(
        name: .customLong("openai-only"),
        help: "Answer as an OpenAI-compatible server alone (as Ollama does): /v1/models and /v1/chat/completions.")
    var openAIOnly = false

    @Option(help: ArgumentHelp("With --rhetor: milliseconds between 50-character chunks.", valueName: "ms"))
    var rhetorPace: Double = 50

    @Option(help: ArgumentHelp("A PEM certificate chain: serve https and wss.", valueName: "path"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The PEM private key of --tls-cert.", valueName: "path"))
    var tlsKey: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port).") }
        if rhetor && openAIOnly {
            throw ValidationError("--rhetor and --openai-only are two different servers; choose one.")
        }
        guard tokensPerSecond >= 0, tokensPerSecond.isFinite else {
            throw ValidationError("--tokens-per-second must be 0 or more, not \(tokensPerSecond).")
        }
        guard firstTokenLatency >= 0, firstTokenLatency.isFinite else {
            throw ValidationError("--first-token-latency must be 0 or more seconds, not \(firstTokenLatency).")
        }
        if let fault {
            do { _ = try FaultPlan(parsing: fault) } catch { throw ValidationError("--fault: \(error)") }
        }
        if let rateLimit {
            do { _ = try RequestRate(parsing: rateLimit) } catch { throw ValidationError("--rate-limit: \(error)") }
        }
        if let maxStreams, maxStreams < 1 {
            throw ValidationError("--max-streams must be 1 or more, not \(maxStreams).")
        }
        if let wsMessagesPerSecond, !(wsMessagesPerSecond > 0 && wsMessagesPerSecond.isFinite) {
            throw ValidationError("--ws-messages-per-second must be more than 0, not \(wsMessagesPerSecond).")
        }
        guard maxMessageSize >= 1024 else {
            throw ValidationError("--max-message-size must be at least 1024 bytes, not \(maxMessageSize).")
        }
        guard sessionTTL > 0, sessionTTL.isFinite else {
            throw ValidationError("--session-ttl must be more than 0 seconds, not \(sessionTTL).")
        }
        guard rhetorPace >= 0, rhetorPace.isFinite else {
            throw ValidationError("--rhetor-pace must be 0 or more milliseconds, not \(rhetorPace).")
        }
        guard (tlsCert == nil) == (tlsKey == nil) else {
            throw ValidationError("--tls-cert and --tls-key go together: give both, or neither.")
        }
        if tokens.contains(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            throw ValidationError("--token must be a non-empty word without spaces.")
        }
    }

    /// The token in the file at `path`: it must exist and be 0600.
    private static func token(in path: String) throws -> String {
        do {
            guard let token = try TokenStore.read(path) else {
                throw AishError.tokenFileUnreadable(path: path, reason: "it does not exist")
            }
            return token
        } catch {
            throw ErrorReporter.report(error)
        }
    }

    func run() async throws {
        var configuration = MockServerConfiguration(
            host: host,
            port: port,
            tokensPerSecond: tokensPerSecond,
            firstTokenLatency: firstTokenLatency,
            faults: try fault.map { try FaultPlan(parsing: $0) } ?? .none
        )
        if !tokens.isEmpty {
            let warning = TokenStore.commandLineWarning(instead: "--token-file")
            _ = try? FileDescriptorSink.standardError.write("aish: warning: \(warning)\n")
        }
        configuration.tokens = try tokens + tokenFiles.map(Self.token(in:))
        configuration.sessionTTL = sessionTTL
        configuration.limits = MockLimits(
            requestRate: try rateLimit.map { try RequestRate(parsing: $0) },
            maxConcurrentStreams: maxStreams,
            webSocketMessagesPerSecond: wsMessagesPerSecond,
            maxMessageSize: maxMessageSize
        )
        if openAIOnly { configuration.profile = .openAI }
        if rhetor {
            configuration.profile = .rhetor
            configuration.rhetor.chunkPause = rhetorPace / 1000
        }
        if let tlsCert, let tlsKey {
            configuration.tls = .init(certificatePath: tlsCert, privateKeyPath: tlsKey)
        }
        do {
            let profile =
                switch configuration.profile {
                case .rhetor: " (Tekton's Rhetor v1, as it runs today)"
                case .openAI: " (OpenAI-compatible API only, at /v1)"
                case .tekton: ""
                }
            try await MockServer(configuration: configuration).run { url in
                try? FileDescriptorSink.standardOutput.write("aish mock server\(profile) listening on \(url)\n")
            }
        } catch let error as MockServerError {
            throw ErrorReporter.report(
                AishError.invalidArgument(
                    name: "--tls-cert/--tls-key", value: "\(tlsCert ?? "")", hint: error.description))
        } catch {
            throw ErrorReporter.report(
                AishError.invalidArgument(
                    name: "--host/--port",
                    value: "\(host):\(port)",
                    hint: "cannot listen there (\(error)); choose another port, or --port 0"
                )
            )
        }
    }
}
