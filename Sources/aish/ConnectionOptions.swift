import AishKit
import AishMockServer
import ArgumentParser
import Foundation

/// Options that say which Tekton server to talk to, and how.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The Tekton server's base URL (or AISH_URL, or url in config.yaml).", valueName: "url"))
    var url: String?

    @Flag(name: .long, help: "Start the built-in mock server in-process and talk to it.")
    var mock = false

    @Flag(
        name: .customLong("mock-rhetor"),
        help: "Start the built-in mock of Tekton's Rhetor v1, as it runs today, in-process and talk to it.")
    var mockRhetor = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.", valueName: "transport")
    )
    var transport: TransportChoiceArgument?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A bearer token for the server; other users can see it in ps, so prefer AISH_TOKEN, --token-file or `aish login`.",
            valueName: "token")
    )
    var token: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token, which must be 0600).",
            valueName: "path")
    )
    var tokenFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A PEM file of the certificate authority that signed an https server's certificate (or AISH_CACERT).",
            valueName: "path")
    )
    var cacert: String?

    @Flag(name: .shortAndLong, help: "Say which transport is used and why, and print timings, on standard error.")
    var verbose = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Colour: auto (on a terminal, unless NO_COLOR or TERM=dumb), always or never (or AISH_COLOR).",
            valueName: "when"))
    var color: AishSettings.ColorChoice?

    /// `settings` with this command line's choices over them (`--color`).
    func applied(to settings: AishSettings) -> AishSettings {
        var settings = settings
        if let color { settings.color = color }
        return settings
    }

    static let defaultURL = TektonClient.defaultURL

    /// The server to talk to: `--url`, else `AISH_URL` or `url` in config.yaml, else the default.
    func serverURL(_ settings: AishSettings) -> String {
        url ?? settings.url ?? Self.defaultURL
    }

    /// The transport to force: `--transport`, else `AISH_TRANSPORT` or `transport` in config.yaml.
    func forcedTransport(_ settings: AishSettings) -> TransportKind? {
        transport?.kind ?? settings.transport
    }

    /// The token to send, and where it came from, if any.
    func resolvedToken() async throws -> TokenStore.Resolved? {
        let settings = try await Settings.current()
        return try TokenStore.resolve(
            option: token, fileOption: tokenFile, configuredFile: settings.tokenFile, environment: Self.environment)
    }

    /// Runs `body` with a client for the chosen server: the in-process mock with
    /// `--mock` (the Rhetor v1 profile with `--mock-rhetor`), else `--url`, else `AISH_URL`, else the default. The client sends
    /// the token, if there is one, and trusts `--cacert`.
    ///
    /// `token` replaces the resolved token (`aish login` tries a new one).
    func withClient<T: Sendable>(
        token replacement: String? = nil, _ body: @Sendable (TektonClient) async throws -> T
    ) async throws -> T {
        let settings = try await Settings.current()
        let timeouts = settings.timeouts
        if mock || mockRhetor {
            let configuration = mockRhetor ? MockServerConfiguration.rhetor(port: 0) : MockServerConfiguration(port: 0)
            return try await withMockServer(configuration) { url in
                var client = try TektonClient(baseURL: url, timeouts: timeouts)
                client.onNotice = Self.printNotice
                return try await body(client)
            }
        }
        let token: String?
        if let replacement { token = replacement } else { token = try await resolvedToken()?.token }
        if replacement == nil, self.token != nil {
            let warning = TokenStore.commandLineWarning(instead: "AISH_TOKEN, --token-file or `aish login`")
            _ = try? FileDescriptorSink.standardError.write("aish: warning: \(warning)\n")
        }
        let caPath = cacert ?? Self.environment["AISH_CACERT"].flatMap { $0.isEmpty ? nil : $0 }
        let tls = try caPath.map(TektonClient.tlsConfiguration(trusting:))
        // The shared client suits the default timeouts and the system's trust; otherwise one of our own.
        let httpClient =
            tls == nil && timeouts == .default
            ? nil : TektonClient.makeHTTPClient(tls: tls, timeouts: timeouts)
        do {
            var client = try TektonClient(
                baseURL: serverURL(settings), token: token,
                httpClient: httpClient ?? TektonClient.defaultHTTPClient, tlsConfiguration: tls, timeouts: timeouts)
            client.capabilitiesCache = FileCapabilitiesCache(environment: Self.environment)
            client.onNotice = Self.printNotice
            let result = try await body(client)
            try? await httpClient?.shutdown()
            return result
        } catch {
            try? await httpClient?.shutdown()
            throw error
        }
    }

    private static var environment: [String: String] { Platform.process.environment }

    /// Prints what the client does about the server outside a reply (a rate-limit wait).
    private static let printNotice: @Sendable (String, String) -> Void = { code, message in
        _ = try? FileDescriptorSink.standardError.write("aish: notice from the server [\(code)]: \(message)\n")
    }
}

/// The `--transport` values.
enum TransportChoiceArgument: String, ExpressibleByArgument, CaseIterable {
    case ws
    case sse
    case v1
    case v1Post = "v1-post"

    var kind: TransportKind {
        switch self {
        case .ws: .websocket
        case .sse: .sse
        case .v1: .v1Stream
        case .v1Post: .v1Post
        }
    }
}

extension AishSettings.ColorChoice: ExpressibleByArgument {}
