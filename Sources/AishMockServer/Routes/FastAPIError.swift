import Hummingbird

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A v1 error the way Rhetor's FastAPI answers it: `{"detail": ...}`.
struct FastAPIError: HTTPResponseError, Sendable {
    /// The HTTP status.
    let status: HTTPResponse.Status
    /// The `detail` value: a sentence, or FastAPI's list of validation problems.
    let detail: JSONValue
    /// Extra response headers (`allow` on a 405).
    var headers: HTTPFields = [:]

    /// The response for this error.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response.json(.object(["detail": detail]), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// `bytes` decoded as `T`, or FastAPI's 422 for a body that is not such JSON.
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(FastAPIError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw .invalidJSON()
        }
    }

    /// 422 for a required field that is missing, as FastAPI's validation reports it.
    static func missing(_ field: String, in location: String) -> FastAPIError {
        FastAPIError(
            status: .unprocessableContent,
            detail: .array([
                .object([
                    "type": "missing", "loc": .strings([location, field]), "msg": "Field required", "input": .null,
                ])
            ]))
    }

    /// 422 for a required string that is empty.
    static func empty(_ field: String, in location: String) -> FastAPIError {
        FastAPIError(
            status: .unprocessableContent,
            detail: .array([
                .object([
                    "type": "string_too_short", "loc": .strings([location, field]),
                    "msg": "String should have at least 1 character", "input": "",
                    "ctx": .object(["min_length": .int(1)]),
                ])
            ]))
    }

    /// 422 for a body that is not JSON.
    static func invalidJSON() -> FastAPIError {
        FastAPIError(
            status: .unprocessableContent,
            detail: .array([
                .object([
                    "type": "json_invalid", "loc": .array([.string("body"), .int(0)]),
                    "msg": "JSON decode error", "input": .object([:]),
                    "ctx": .object(["error": "Expecting value"]),
                ])
            ]))
    }
}
