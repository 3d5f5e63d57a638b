import Hummingbird

/// A v2 error, answered as `{"error": {"code", "message", "details"?}}` (PROTOCOL.md §8).
struct APIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    let status: HTTPResponse.Status
    /// The machine-readable code, e.g. `AI_NOT_FOUND`.
    let code: String
    /// A sentence a user can act on.
    let message: String
    /// Optional structured details.
    let details: JSONValue?
    /// Extra response headers (`Retry-After` on a 429).
    var headers: HTTPFields = [:]

    /// The error's body.
    var body: JSONValue {
        var error: [JSONValue.Member] = [
            .init(name: "code", value: .string(code)), .init(name: "message", value: .string(message)),
        ]
        if let details { error.append(.init(name: "details", value: details)) }
        return .object(["error": .object(error)])
    }

    /// The response for this error.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// 400 `INVALID_REQUEST`.
    static func invalidRequest(_ message: String, details: JSONValue? = nil) -> APIError {
        APIError(status: .badRequest, code: "INVALID_REQUEST", message: message, details: details)
    }

    /// 404 `AI_NOT_FOUND`.
    static func specialistNotFound(_ id: String) -> APIError {
        APIError(
            status: .notFound, code: "AI_NOT_FOUND", message: "No specialist named '\(id)'.",
            details: .object(["specialist_id": .string(id)])
        )
    }

    /// 503 `AI_UNAVAILABLE`.
    static func specialistUnavailable(_ id: String) -> APIError {
        APIError(
            status: .serviceUnavailable, code: "AI_UNAVAILABLE", message: "Specialist '\(id)' is not available.",
            details: .object(["specialist_id": .string(id)])
        )
    }

    /// 400 for a malformed `X-Aish-Fault` header.
    static func invalidFaultHeader(_ error: MockServerError, header: String) -> APIError {
        .invalidRequest(
            "Invalid X-Aish-Fault header: \(error.description)",
            details: .object(["header": "X-Aish-Fault", "value": .string(header)])
        )
    }
}
