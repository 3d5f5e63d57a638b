import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// The entry point to a Tekton server: feature detection, the specialist roster, and
/// the chat transports (PROTOCOL.md §1–3).
///
/// A value type holding the server's address; copies share the underlying
/// `HTTPClient` and its connection pool. Every method throws ``AishError``.
public struct TektonClient: Sendable {
    /// The server aish talks to unless told otherwise: Rhetor's address.
    public static let defaultURL = "http://127.0.0.1:8003"

    /// The server's base URL, without a trailing slash (`http://127.0.0.1:8003`).
    public let baseURL: String
    /// The HTTP client every request goes through.
    public let httpClient: HTTPClient
    /// The bearer token sent as `Authorization`, if any; never printed.
    let token: String?
    /// `Basic …` from credentials in the URL, sent when there is no token; never printed.
    let basicAuthorization: String?
    /// TLS settings for https and wss when they are not the system's (a private CA);
    /// `httpClient` must have been made with the same (``makeHTTPClient(tls:)``).
    let tlsConfiguration: TLSConfiguration?
    /// Where the server's capabilities are remembered between runs, if anywhere.
    public var capabilitiesCache: (any CapabilitiesCache)?
    /// How rate limits are waited out.
    public var rateLimitPolicy: RateLimitPolicy = .default
    /// Hears what aish does about the server outside a reply (waiting out a rate
    /// limit on a metadata request): a code and a message, for standard error.
    public var onNotice: (@Sendable (_ code: String, _ message: String) -> Void)?
    /// How long every transport waits to connect, for a first answer and through a
    /// silence; `httpClient` must have been made with the same (``makeHTTPClient(tls:timeouts:)``).
    public let timeouts: Timeouts
    /// The WebSocket connections to this server, shared by every copy of the client.
    let webSockets: WebSocketConnectionPool
    /// The event loop this client's requests go out on, its WebSockets live on, and
    /// its replies are read on, so that a reply is decoded on the thread that reads it.
    /// One per client: its concurrent replies (a bulk plan's) are decoded on that one
    /// thread, which keeps up with far more than a server's streams send.
    let readerExecutor: EventLoopTaskExecutor

    /// The client aish uses unless told otherwise: like `HTTPClient.shared`, but a
    /// connection that is refused fails at once instead of being retried until the
    /// connect timeout (90 s with `.shared`), and connecting is bounded by
    /// ``Timeouts/default``'s 10 s. It is never shut down; it lives as long as the process.
    public static let defaultHTTPClient: HTTPClient = makeHTTPClient(tls: nil)

    /// A client configured as ``defaultHTTPClient``, with `tls` for https and
    /// `timeouts.connect` to connect; the caller shuts it down.
    ///
    /// Its read timeout is only a backstop: replies are bounded by
    /// ``Timeouts/watch(_:clock:_:)``, whose errors name the bound.
    public static func makeHTTPClient(tls: TLSConfiguration?, timeouts: Timeouts = .default) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: TimeAmount(timeouts.connect),
            read: TimeAmount(max(timeouts.firstAnswer, timeouts.silence) + Timeouts.backstopMargin))
        configuration.connectionPool.retryConnectionEstablishment = false
        if let tls { configuration.tlsConfiguration = tls }
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// TLS settings that trust the certificates of the PEM file at `path` (a
    /// private certificate authority) as well as the system's.
    ///
    /// - Throws: ``AishError/invalidArgument(name:value:hint:)`` for `--cacert` when
    ///   the file holds no readable PEM certificate.
    public static func tlsConfiguration(trusting path: String) throws(AishError) -> TLSConfiguration {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw AishError.invalidArgument(
                name: "--cacert", value: path,
                hint: "give a readable PEM file with the certificate of the authority that signed the server's")
        }
        guard !certificates.isEmpty else {
            throw AishError.invalidArgument(
                name: "--cacert", value: path, hint: "the file holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.additionalTrustRoots = [.certificates(certificates)]
        return configuration
    }

    /// Creates a client for the server at `baseURL`.
    ///
    /// - Parameters:
    ///   - baseURL: an `http://` or `https://` URL; a trailing slash is dropped, and a
    ///     path (`https://host/tekton`) is kept as a prefix of every route.
    ///   - token: a bearer token for servers that require one (PROTOCOL.md §8).
    ///   - httpClient: the client to send requests with.
    ///   - tlsConfiguration: TLS settings for wss, the same `httpClient` was made with.
    ///   - timeouts: the bounds of every wait, the same `httpClient` was made with.
    /// - Throws: ``AishError/invalidArgument(name:value:hint:)`` for `--url` when
    ///   `baseURL` is not an HTTP URL (``ServerURL``); credentials in it are sent as
    ///   Basic authentication and left out of ``baseURL``.
    public init(
        baseURL: String, token: String? = nil, httpClient: HTTPClient = TektonClient.defaultHTTPClient,
        tlsConfiguration: TLSConfiguration? = nil, timeouts: Timeouts = .default
    ) throws {
        let server = try ServerURL(parsing: baseURL)
        self.baseURL = server.base
        self.basicAuthorization = server.basicAuthorization
        self.token = token
        self.httpClient = httpClient
        self.tlsConfiguration = tlsConfiguration
        self.timeouts = timeouts
        self.readerExecutor = EventLoopTaskExecutor(httpClient.eventLoopGroup)
        self.webSockets = WebSocketConnectionPool(
            endpoint: .init(
                baseURL: server.base,
                authorization: token.map { "Bearer \($0)" } ?? server.basicAuthorization,
                tlsConfiguration: tlsConfiguration, eventLoopGroup: readerExecutor.eventLoop),
            options: .init(timeouts: timeouts))
    }

    /// Where WebSocket connections to this server go, and with which credentials.
    var webSocketEndpoint: WebSocketConnectionPool.Endpoint {
        .init(
            baseURL: baseURL, authorization: authorization, tlsConfiguration: tlsConfiguration,
            eventLoopGroup: readerExecutor.eventLoop)
    }

    /// Asks the server what it offers (`GET /api/capabilities`).
    ///
    /// - Returns: the server's answer, or ``ServerCapabilities/v1Only`` when the route
    ///   does not exist (HTTP 404), as on Tekton's Rhetor today.
    /// - Throws: ``AishError/serverUnreachable(url:reason:)`` when no connection can be
    ///   made; ``AishError/unexpectedStatus(url:status:detail:)`` or
    ///   ``AishError/malformedResponse(url:detail:)`` when the answer makes no sense.
    public func capabilities() async throws -> ServerCapabilities {
        let url = self.url("/api/capabilities")
        let response = try await get(url)
        switch response.status.code {
        case 200:
            return try await readJSON(from: response, url: url) { bytes throws(WireFormatError) in
                try ServerCapabilities(json: bytes)
            }
        case 404:
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            return .v1Only
        default:
            throw await failure(for: response, url: url, specialistID: nil)
        }
    }

    /// The server's capabilities, from the cache when it remembers them (the
    /// second value is then true), else from the server, which the cache then
    /// remembers.
    public func cachedCapabilities() async throws -> (ServerCapabilities, cached: Bool) {
        if let remembered = capabilitiesCache?.capabilities(for: baseURL) { return (remembered, true) }
        let fresh = try await capabilities()
        capabilitiesCache?.store(fresh, for: baseURL)
        return (fresh, false)
    }

    /// Forgets the remembered capabilities when `error` suggests they are out of
    /// date (the server no longer offers the transport chosen from them).
    public func forgetCapabilities(after error: any Error) {
        guard let error = error as? AishError else { return }
        switch error {
        case .transportUnavailable, .webSocketRefused, .malformedResponse, .unexpectedStatus, .serverUnreachable:
            capabilitiesCache?.forget(baseURL)
        default:
            break
        }
    }

    /// Lists the server's specialists (`GET /api/v1/ai/specialists`).
    ///
    /// Accepts the bare array Tekton sends, and also `{"specialists": [...]}`.
    public func specialists() async throws -> [Specialist] {
        let url = self.url("/api/v1/ai/specialists")
        let response = try await get(url)
        if response.status.code == 404 {
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            throw AishError.notTekton(url: baseURL, detail: "GET /api/v1/ai/specialists answered HTTP 404")
        }
        guard response.status.code == 200 else {
            throw await failure(for: response, url: url, specialistID: nil)
        }
        return try await readJSON(from: response, url: url) { bytes throws(WireFormatError) in
            try Specialist.roster(json: bytes)
        }
    }
}

extension TektonClient: CustomStringConvertible, CustomReflectable {
    /// `TektonClient(<baseURL>)`; the token is never shown.
    public var description: String { "TektonClient(\(baseURL))" }

    /// The `Authorization` header: the bearer token, else the URL's Basic credentials.
    var authorization: String? { token.map { "Bearer \($0)" } ?? basicAuthorization }

    /// Shows only the base URL, so `dump` cannot reveal the token.
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": baseURL]) }
}
