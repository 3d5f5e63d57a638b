import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP plumbing every route and transport shares: building requests, mapping
/// network failures and error statuses to ``AishError``, reading bounded bodies.
extension TektonClient {
    /// How long a metadata request (capabilities, roster, server sessions) may wait
    /// for its answer: a fixed 30 s, whatever the bounds of replies are.
    var metadataTimeout: TimeAmount { .seconds(30) }
    /// How long a chat request may wait for the response head: a backstop behind
    /// ``Timeouts/watch(_:clock:_:)`` (a v1 POST only answers once the whole reply is written).
    var replyTimeout: TimeAmount {
        TimeAmount(timeouts.connect + timeouts.firstAnswer + Timeouts.backstopMargin)
    }
    /// The most bytes read from an error response.
    static let errorBodyLimit = 64 * 1024
    /// The most bytes read from a JSON response.
    static let jsonBodyLimit = 8 * 1024 * 1024

    /// The absolute URL of a route (`path` starts with `/`).
    func url(_ path: String) -> String {
        baseURL + path
    }

    /// A request with aish's standard headers (and the token, if any).
    func makeRequest(url: String, method: HTTPMethod = .GET, accept: String = "application/json") -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: accept)
        request.headers.add(name: "User-Agent", value: "aish")
        if let authorization {
            request.headers.add(name: "Authorization", value: authorization)
        }
        return request
    }

    /// A POST request whose body is `json`, a JSON text (as ``JSONRPCText`` writes).
    func makeJSONRequest(url: String, json: String, accept: String = "application/json") -> HTTPClientRequest {
        var request = makeRequest(url: url, method: .POST, accept: accept)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        return request
    }

    /// A POST request whose body is `body` as JSON.
    func makeJSONRequest(url: String, body: some Encodable, accept: String = "application/json") throws
        -> HTTPClientRequest
    {
        var request = makeRequest(url: url, method: .POST, accept: accept)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: try encoder.encode(body)))
        return request
    }

    /// Sends `request` and waits at most `timeout` for the response head; a failure
    /// to connect becomes ``AishError/serverUnreachable(url:reason:)`` (naming the
    /// bound when one ran out) or ``AishError/tlsFailed(url:provider:failure:)``, and
    /// cancellation `CancellationError`.
    func send(_ request: HTTPClientRequest, timeout: TimeAmount) async throws -> HTTPClientResponse {
        do {
            // Sent from the reader's loop, so a new connection is made on it (AsyncHTTPClient
            // prefers the loop it is called on) and a reused one is usually there already
            // (one made for another client of the same HTTPClient may be elsewhere: its
            // reading then wakes this loop, as before).
            return try await withTaskExecutorPreference(readerExecutor) {
                try await httpClient.execute(request, timeout: timeout)
            }
        } catch {
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            if let failure = TLSFailure(error, url: baseURL) {
                throw AishError.tlsFailed(url: baseURL, provider: nil, failure: failure)
            }
            let reason =
                if NetworkFailure.isConnectTimeout(error) {
                    Timeouts.phrase("could not connect", timeouts.connect)
                } else if let error = error as? HTTPClientError, error == .deadlineExceeded {
                    Timeouts.phrase("the server sent no answer", Duration(timeout))
                } else {
                    NetworkFailure.reason(forUnanswered: error, url: baseURL)
                }
            throw AishError.serverUnreachable(url: baseURL, reason: reason)
        }
    }

    /// `GET url` for metadata (capabilities, the roster, discovery), sent again
    /// while the server answers 429, as ``rateLimitPolicy`` allows and `Retry-After`
    /// asks: a GET changes nothing, so it is safe to resend. Each wait is told to
    /// ``onNotice``. Any other answer is returned as it is.
    ///
    /// - Throws: ``AishError/rateLimited(url:retryAfter:attempts:)`` when the policy
    ///   gives up, and what ``send(_:timeout:)`` throws.
    func get(_ url: String) async throws -> HTTPClientResponse {
        let onNotice = self.onNotice
        let notify: (ChatEvent) -> Void = { event in
            if case .notice(let code, let message) = event { onNotice?(code, message) }
        }
        return try await rateLimitPolicy.retrying(notify: notify) {
            let response = try await send(makeRequest(url: url), timeout: metadataTimeout)
            guard response.status.code == 429 else { return response }
            throw await failure(for: response, url: url, specialistID: nil)
        }
    }

    /// Reads a whole JSON body (at most ``jsonBodyLimit`` bytes) and decodes it.
    func decodeJSON<Value: Decodable>(_ type: Value.Type, from response: HTTPClientResponse, url: String) async throws
        -> Value
    {
        let body = try await jsonBody(of: response, url: url)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw AishError.malformedResponse(url: url, detail: Self.summary(of: error))
        }
    }

    /// Reads a JSON response body with `read`, which parses it by hand (as the roster
    /// and the capabilities are: `JSONDecoder`'s first use costs more than their request).
    ///
    /// - Throws: ``AishError/malformedResponse(url:detail:)`` with what `read` found wrong.
    func readJSON<Value>(
        from response: HTTPClientResponse, url: String,
        _ read: (UnsafeBufferPointer<UInt8>) throws(WireFormatError) -> Value
    ) async throws -> Value {
        let body = try await jsonBody(of: response, url: url)
        let result = body.readableBytesView.withUnsafeBytes { raw in
            Result { () throws(WireFormatError) in try read(raw.bindMemory(to: UInt8.self)) }
        }
        do {
            return try result.get()
        } catch {
            throw AishError.malformedResponse(url: url, detail: error.detail)
        }
    }

    /// A whole JSON body, at most ``jsonBodyLimit`` bytes.
    private func jsonBody(of response: HTTPClientResponse, url: String) async throws -> ByteBuffer {
        do {
            return try await response.body.collect(upTo: Self.jsonBodyLimit)
        } catch is NIOTooManyBytesError {
            throw AishError.malformedResponse(
                url: url, detail: "the response is larger than \(Self.jsonBodyLimit) bytes")
        } catch {
            if NetworkFailure.isCancellation(error) { throw CancellationError() }
            throw AishError.serverUnreachable(url: baseURL, reason: NetworkFailure.reason(for: error))
        }
    }

    /// The error a non-success response stands for, with the server's own message
    /// when its body has one.
    ///
    /// With a `specialistID`, 503 means the specialist is unavailable and 404 that it
    /// does not exist; any other status is ``AishError/unexpectedStatus(url:status:detail:)``.
    func failure(for response: HTTPClientResponse, url: String, specialistID: String?) async -> AishError {
        let body = try? await response.body.collect(upTo: Self.errorBodyLimit)
        let serverError = body.flatMap { ServerErrorBody(json: $0.readableBytesView) }
        let status = Int(response.status.code)
        switch (status, specialistID) {
        case (401, _):
            return .unauthorized(url: baseURL, hasToken: token != nil)
        case (410, _) where serverError?.code == "SESSION_EXPIRED" || serverError == nil:
            return .sessionExpired(id: specialistID ?? "", detail: serverError?.message ?? "HTTP 410")
        case (429, _):
            let header = response.headers.first(name: "Retry-After").flatMap {
                Int($0.trimmingWhitespace())
            }
            return .rateLimited(url: baseURL, retryAfter: header ?? serverError?.retryAfter, attempts: 1)
        case (503, let id?):
            return .specialistUnavailable(
                id: id, detail: serverError?.message ?? "HTTP 503 \(response.status.reasonPhrase)")
        case (404, let id?):
            return .unknownSpecialist(name: id, suggestions: [])
        default:
            let detail = serverError?.summary ?? body.flatMap(Self.firstTextLine) ?? response.status.reasonPhrase
            return .unexpectedStatus(url: url, status: status, detail: detail)
        }
    }

    /// The gist of an error body that is no JSON (``ErrorPageText``), at most 200 characters.
    private static func firstTextLine(of body: ByteBuffer) -> String? {
        guard let text = String(validating: body.readableBytesView, as: UTF8.self) else { return nil }
        return ErrorPageText.gist(of: text).map { String($0.prefix(200)) }
    }

    /// Where decoding failed and why, without the values involved.
    static func summary(of error: DecodingError) -> String {
        let (context, what): (DecodingError.Context, String) =
            switch error {
            case .typeMismatch(_, let context): (context, "unexpected type")
            case .valueNotFound(_, let context): (context, "missing value")
            case .keyNotFound(let key, let context): (context, "missing field '\(key.stringValue)'")
            case .dataCorrupted(let context): (context, "not valid JSON")
            @unknown default: (DecodingError.Context(codingPath: [], debugDescription: ""), "undecodable")
            }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? what : "\(what) at \(path.hasPrefix(".") ? String(path.dropFirst()) : path)"
    }
}
