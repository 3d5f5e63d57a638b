/// A JSON-RPC 2.0 error object, with the codes of PROTOCOL.md §7 in one place.
struct RPCError: Error, Sendable, Equatable {
    /// The error code.
    let code: Int
    /// A sentence a user can act on.
    let message: String
    /// Structured details, if any.
    let data: JSONValue?

    /// The error as a JSON object: `{"code", "message", "data"?}`.
    var json: JSONValue {
        var members: [JSONValue.Member] = [
            .init(name: "code", value: .int(code)), .init(name: "message", value: .string(message)),
        ]
        if let data { members.append(.init(name: "data", value: data)) }
        return .object(members)
    }

    // MARK: The codes of PROTOCOL.md §7

    /// -32700: the frame is not valid JSON.
    static let parseErrorCode = -32700
    /// -32600: not a valid request object (or an empty batch).
    static let invalidRequestCode = -32600
    /// -32601: no such method.
    static let methodNotFoundCode = -32601
    /// -32602: the params are missing, of the wrong type or out of range.
    static let invalidParamsCode = -32602
    /// -32603: the server failed (the model failed, the reply is too large).
    static let internalErrorCode = -32603
    /// -32000: the session has expired.
    static let sessionExpiredCode = -32000
    /// -32001: the specialist is unavailable.
    static let unavailableCode = -32001
    /// -32002: the message does not fit the specialist's context window.
    static let contextLimitCode = -32002
    /// -32003: too many requests; `data.retry_after` says when to try again.
    static let rateLimitedCode = -32003
    /// -32004: missing or bad credentials.
    static let unauthorizedCode = -32004
    /// -32800: the call was cancelled by a `cancel` request.
    static let cancelledCode = -32800

    // MARK: Errors

    /// -32700 for text that is not JSON.
    static let unparsable = RPCError(
        code: parseErrorCode, message: "Parse error: the message is not valid JSON.", data: nil)

    /// -32600 with a reason.
    static func invalidRequest(_ reason: String) -> RPCError {
        RPCError(code: invalidRequestCode, message: "Invalid request: \(reason)", data: nil)
    }

    /// -32601 naming the method.
    static func methodNotFound(_ method: String) -> RPCError {
        RPCError(
            code: methodNotFoundCode, message: "Method not found: '\(method)'.",
            data: .object(["method": .string(method), "methods": .strings(RPCMethods.names)])
        )
    }

    /// -32602 with a reason and optional details.
    static func invalidParams(_ reason: String, data: JSONValue? = nil) -> RPCError {
        RPCError(code: invalidParamsCode, message: reason, data: data)
    }

    /// -32603 with a reason and an upstream code.
    static func internalError(_ reason: String, code: String) -> RPCError {
        RPCError(code: internalErrorCode, message: reason, data: .object(["code": .string(code)]))
    }

    /// -32000 for a session the server does not have.
    static func sessionExpired(_ sessionID: String) -> RPCError {
        RPCError(
            code: sessionExpiredCode, message: "Session '\(sessionID)' has expired or does not exist.",
            data: .object(["code": "SESSION_EXPIRED", "session_id": .string(sessionID)])
        )
    }

    /// -32001 for an unhealthy specialist.
    static func unavailable(_ specialistID: String) -> RPCError {
        RPCError(
            code: unavailableCode, message: "Specialist '\(specialistID)' is not available.",
            data: .object(["code": "AI_UNAVAILABLE", "specialist_id": .string(specialistID)])
        )
    }

    /// -32002 for a message larger than the specialist's context window.
    static func contextLimit(estimatedTokens: Int, window: Int) -> RPCError {
        RPCError(
            code: contextLimitCode,
            message: "The message (about \(estimatedTokens) tokens) does not fit the \(window)-token context window.",
            data: .object([
                "code": "CONTEXT_LIMIT_EXCEEDED", "estimated_tokens": .int(estimatedTokens),
                "context_window": .int(window),
            ])
        )
    }

    /// -32003 for too many requests, saying when to try again.
    static func rateLimited(retryAfter seconds: Int) -> RPCError {
        RPCError(
            code: rateLimitedCode, message: "Rate limited: try again in \(seconds) s.",
            data: .object(["code": "RATE_LIMITED", "retry_after": .int(seconds)])
        )
    }

    /// -32004 for a missing or bad token.
    static let unauthorized = RPCError(
        code: unauthorizedCode, message: "Unauthorized: the token is missing or not valid.",
        data: .object(["code": "UNAUTHORIZED"])
    )

    /// -32800 for a call stopped by `cancel`.
    static let cancelled = RPCError(
        code: cancelledCode, message: "Request cancelled.", data: .object(["code": "REQUEST_CANCELLED"]))
}
