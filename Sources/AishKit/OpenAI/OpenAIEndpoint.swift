import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// An OpenAI-compatible server (Ollama, llama.cpp, vLLM, LM Studio, OpenAI…): its
/// base URL, the API key if it needs one, and the HTTP client to reach it with.
///
/// The key goes only into the `Authorization` header: it is not in the
/// `description`, the mirror (`dump`), or any error.
public struct OpenAIEndpoint: Sendable {
    /// The provider's name in the configuration (`local`), which prefixes its models
    /// (`local/llama3.1`).
    public let name: String
    /// The API's base URL without a trailing slash (`http://127.0.0.1:11434/v1`);
    /// routes are appended to it (`/chat/completions`, `/models`).
    public let baseURL: String
    /// The HTTP client every request goes through.
    public let httpClient: HTTPClient
    /// How rate limits (HTTP 429) are waited out.
    public var rateLimitPolicy: RateLimitPolicy = .default
    /// The bearer key, if any; never printed.
    let apiKey: String?
    /// The event loop this endpoint's requests go out on and its replies are read on.
    let readerExecutor: EventLoopTaskExecutor

    /// How long a request may wait for the response head (a non-streaming reply
    /// comes whole, after the model has written all of it).
    static let replyTimeout: TimeAmount = .minutes(10)
    /// How long `GET /models` may take.
    static let metadataTimeout: TimeAmount = .seconds(30)
    /// The most bytes read from an error response.
    static let errorBodyLimit = 64 * 1024
    /// The most bytes read from a JSON response.
    static let jsonBodyLimit = 8 * 1024 * 1024

    /// Creates an endpoint.
    ///
    /// - Parameters:
    ///   - name: the provider's name, for messages and model prefixes.
    ///   - baseURL: an `http://` or `https://` URL, usually ending in `/v1`; a trailing
    ///     slash is dropped.
    ///   - apiKey: the key sent as `Authorization: Bearer`; an empty one counts as none.
    ///   - httpClient: the client to send with.
    ///   - source: where the URL came from, for the error (`AISH_PROVIDER_URL`, a
    ///     file and line); `providers.NAME.url` when not given.
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` naming `source` when
    ///   `baseURL` is not an HTTP URL.
    public init(
        name: String, baseURL: String, apiKey: String? = nil,
        httpClient: HTTPClient = TektonClient.defaultHTTPClient, source: String? = nil
    ) throws(AishError) {
        var trimmed = baseURL.trimmingWhitespace()
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        if let expected = ProviderURL.problem(trimmed) {
            throw AishError.badConfiguration(
                source: source ?? "providers.\(name).url",
                detail: "'\(OpenAIServerText.safe(baseURL, limit: 200))' is no API base URL; expected \(expected)")
        }
        self.name = name
        self.baseURL = trimmed
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.httpClient = httpClient
        self.readerExecutor = EventLoopTaskExecutor(httpClient.eventLoopGroup)
    }

    /// Whether requests carry a key.
    public var hasAPIKey: Bool { apiKey != nil }

    /// `text` with the API key, should a server echo it, replaced by `[API key]`.
    func redacting(_ text: String) -> String {
        guard let apiKey, text.contains(apiKey) else { return text }
        return text.replacing(apiKey, with: "[API key]")
    }

    /// The absolute URL of a route (`path` starts with `/`).
    func url(_ path: String) -> String {
        baseURL + path
    }

    /// A request with the standard headers, and the key when there is one.
    func makeRequest(url: String, method: HTTPMethod = .GET, accept: String = "application/json")
        -> HTTPClientRequest
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: accept)
        request.headers.add(name: "User-Agent", value: "aish")
        if let apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        return request
    }

    /// Sends `request`; a failure to connect becomes
    /// ``AishError/providerUnreachable(provider:url:reason:)`` (or
    /// ``AishError/tlsFailed(url:provider:failure:)``) and cancellation `CancellationError`.
    func send(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
        do {
            // From the reader's loop, as TektonClient.send says.
            return try await withTaskExecutorPreference(readerExecutor) {
                try await httpClient.execute(request, timeout: timeout)
            }
        } catch {
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            if let failure = TLSFailure(error, url: baseURL) {
                throw AishError.tlsFailed(url: baseURL, provider: name, failure: failure)
            }
            throw AishError.providerUnreachable(
                provider: name, url: baseURL, reason: NetworkFailure.reason(forUnanswered: error, url: baseURL))
        }
    }

    /// Reads a whole body of at most `limit` bytes.
    func collect(_ response: HTTPClientResponse, url: String, limit: Int = jsonBodyLimit) async throws -> ByteBuffer {
        do {
            return try await response.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw AishError.malformedResponse(url: url, detail: "the response is larger than \(limit) bytes")
        } catch {
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            throw AishError.providerUnreachable(
                provider: name, url: baseURL, reason: NetworkFailure.reason(for: error))
        }
    }
}

extension OpenAIEndpoint: CustomStringConvertible, CustomReflectable {
    /// `OpenAIEndpoint(name, <baseURL>)`; the key is never shown.
    public var description: String { "OpenAIEndpoint(\(name), \(baseURL))" }

    /// Shows the name and base URL only, so `dump` cannot reveal the key.
    public var customMirror: Mirror { Mirror(self, children: ["name": name, "baseURL": baseURL]) }
}
