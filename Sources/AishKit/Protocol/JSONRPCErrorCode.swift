/// A JSON-RPC error code, with the table of PROTOCOL.md §7 and what each means to
/// a user. This file is the one place codes are interpreted.
public struct JSONRPCErrorCode: RawRepresentable, Hashable, Sendable {
    /// The number on the wire.
    public var rawValue: Int

    /// Wraps a code.
    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// -32700: the message was not valid JSON.
    public static let parseError = JSONRPCErrorCode(rawValue: -32700)
    /// -32600: the message was not a valid request.
    public static let invalidRequest = JSONRPCErrorCode(rawValue: -32600)
    /// -32601: the server has no such method.
    public static let methodNotFound = JSONRPCErrorCode(rawValue: -32601)
    /// -32602: the params were wrong.
    public static let invalidParams = JSONRPCErrorCode(rawValue: -32602)
    /// -32603: the server failed.
    public static let internalError = JSONRPCErrorCode(rawValue: -32603)
    /// -32000: the session has expired.
    public static let sessionExpired = JSONRPCErrorCode(rawValue: -32000)
    /// -32001: the specialist is unavailable.
    public static let specialistUnavailable = JSONRPCErrorCode(rawValue: -32001)
    /// -32002: the message does not fit the context window.
    public static let contextLimitExceeded = JSONRPCErrorCode(rawValue: -32002)
    /// -32003: rate limited; `data.retry_after` says when to try again.
    public static let rateLimited = JSONRPCErrorCode(rawValue: -32003)
    /// -32004: the token is missing or not valid.
    public static let unauthorized = JSONRPCErrorCode(rawValue: -32004)
    /// -32800: the call was cancelled.
    public static let requestCancelled = JSONRPCErrorCode(rawValue: -32800)

    /// The symbolic name the v2 HTTP API uses for the same condition
    /// (`RATE_LIMITED`), or `JSONRPC_<code>` for codes outside the table.
    public var name: String {
        switch self {
        case .parseError: "PARSE_ERROR"
        case .invalidRequest: "INVALID_REQUEST"
        case .methodNotFound: "METHOD_NOT_FOUND"
        case .invalidParams: "INVALID_PARAMS"
        case .internalError: "INTERNAL_ERROR"
        case .sessionExpired: "SESSION_EXPIRED"
        case .specialistUnavailable: "AI_UNAVAILABLE"
        case .contextLimitExceeded: "CONTEXT_LIMIT_EXCEEDED"
        case .rateLimited: "RATE_LIMITED"
        case .unauthorized: "UNAUTHORIZED"
        case .requestCancelled: "REQUEST_CANCELLED"
        default: "JSONRPC_\(rawValue)"
        }
    }

    /// A few words on what the code means.
    public var meaning: String {
        switch self {
        case .parseError: "parse error"
        case .invalidRequest: "invalid request"
        case .methodNotFound: "method not found"
        case .invalidParams: "invalid params"
        case .internalError: "internal error"
        case .sessionExpired: "session expired"
        case .specialistUnavailable: "AI unavailable"
        case .contextLimitExceeded: "context limit exceeded"
        case .rateLimited: "rate limited"
        case .unauthorized: "unauthorized"
        case .requestCancelled: "request cancelled"
        default: (-32099 ... -32000).contains(rawValue) ? "server error" : "application error"
        }
    }
}

extension JSONRPCError {
    /// What this error means for a call to specialist `id`: -32001 is
    /// ``AishError/specialistUnavailable(id:detail:)``, -32000
    /// ``AishError/sessionExpired(id:detail:)``, every other code
    /// ``AishError/specialistFailed(id:code:message:)`` with the server's symbolic
    /// code (`data.code`) when it gave one, else the code's name.
    ///
    /// -32004 is ``AishError/unauthorized(url:hasToken:)`` and -32003
    /// ``AishError/rateLimited(url:retryAfter:attempts:)``, for the server at `url`.
    public func aishError(specialistID id: String, url: String = "", hasToken: Bool = false) -> AishError {
        switch code {
        case .specialistUnavailable:
            return .specialistUnavailable(id: id, detail: message)
        case .sessionExpired:
            return .sessionExpired(id: id, detail: message)
        case .unauthorized:
            return .unauthorized(url: url, hasToken: hasToken)
        case .rateLimited:
            return .rateLimited(url: url, retryAfter: data?.object?.int("retry_after"), attempts: 1)
        default:
            return .specialistFailed(id: id, code: dataCode ?? code.name, message: message)
        }
    }
}
