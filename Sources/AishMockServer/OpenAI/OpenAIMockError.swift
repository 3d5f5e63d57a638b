import Hummingbird

/// An error answered in OpenAI's shape, `{"error": {"message", "type", "param",
/// "code"}}`, which is what OpenAI-compatible clients read (not the v2 shape).
struct OpenAIMockError: Error, Sendable {
    let status: HTTPResponse.Status
    let message: String
    let type: String
    var param: String? = nil
    var code: String? = nil
    var headers: HTTPFields = [:]

    /// The error's body.
    var body: JSONValue {
        .object([
            "error": .object([
                "message": .string(message), "type": .string(type), "param": .string(param), "code": .string(code),
            ])
        ])
    }

    /// The response for this error.
    var response: Response {
        var response = Response.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// The same error as a stream event (`data: {"error": …}`).
    var event: String {
        "data: " + body.encoded() + "\n\n"
    }

    /// 400 for a request the API cannot take.
    static func invalidRequest(_ message: String, param: String? = nil) -> OpenAIMockError {
        OpenAIMockError(status: .badRequest, message: message, type: "invalid_request_error", param: param)
    }

    /// 401 for a missing or wrong key; the key is never repeated.
    static let invalidKey = OpenAIMockError(
        status: .unauthorized,
        message: "Incorrect API key provided. Send Authorization: Bearer KEY with a key this server accepts.",
        type: "invalid_request_error", code: "invalid_api_key", headers: [.wwwAuthenticate: "Bearer"])

    /// 404 for a model the server does not have.
    static func modelNotFound(_ model: String) -> OpenAIMockError {
        OpenAIMockError(
            status: .notFound,
            message: "The model '\(model)' does not exist. GET /v1/models lists the models of this server.",
            type: "invalid_request_error", param: "model", code: "model_not_found")
    }

    /// 429 with `Retry-After` (and the other rate-limit headers in `headers`).
    static func rateLimited(retryAfter: Int, headers: HTTPFields) -> OpenAIMockError {
        var fields = headers
        fields[.retryAfter] = String(retryAfter)
        return OpenAIMockError(
            status: .tooManyRequests, message: "Rate limit reached; try again in \(retryAfter) s.", type: "requests",
            code: "rate_limit_exceeded", headers: fields)
    }

    /// 503 for the `unavailable` fault.
    static func overloaded(_ model: String) -> OpenAIMockError {
        OpenAIMockError(
            status: .serviceUnavailable, message: "The model '\(model)' is overloaded; try again later.",
            type: "server_error", code: "model_overloaded")
    }

    /// 500, or a stream's error event, for the `fatal-at` fault.
    static let upstreamFailed = OpenAIMockError(
        status: .internalServerError, message: "The model failed while generating the reply.",
        type: "server_error", code: "upstream_failed")

    /// Any other framework error (body too large, …), in this shape.
    static func http(_ status: HTTPResponse.Status) -> OpenAIMockError {
        OpenAIMockError(status: status, message: status.reasonPhrase, type: "invalid_request_error")
    }
}
