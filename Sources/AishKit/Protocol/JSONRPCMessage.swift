/// A JSON-RPC 2.0 call: a method with params, answered under its id.
public struct JSONRPCRequest: Sendable, Equatable {
    /// The id the response will carry.
    public var id: JSONRPCID
    /// The method name.
    public var method: String
    /// The params: a nested object or array, or nil for none.
    public var params: FlatJSONObject.Value?

    /// Creates a request.
    public init(id: JSONRPCID, method: String, params: FlatJSONObject.Value? = nil) {
        self.id = id
        self.method = method
        self.params = params
    }

    /// The message's JSON text.
    public var text: String {
        var members = [FlatJSONObject.Member(key: "jsonrpc", value: .string("2.0")), .init(key: "id", value: id.value)]
        members.append(.init(key: "method", value: .string(method)))
        if let params { members.append(.init(key: "params", value: params)) }
        return JSONRPCText.object(members)
    }
}

/// A JSON-RPC 2.0 notification: a method with params and no id, never answered.
public struct JSONRPCNotification: Sendable, Equatable {
    /// The method name (`stream.chunk`, `specialist.status`, …).
    public var method: String
    /// The params: a nested object or array, or nil for none.
    public var params: FlatJSONObject.Value?

    /// Creates a notification.
    public init(method: String, params: FlatJSONObject.Value? = nil) {
        self.method = method
        self.params = params
    }

    /// The params read as an object, or nil when they are not one.
    public var paramsObject: FlatJSONObject? { params?.object }

    /// The message's JSON text.
    public var text: String {
        var members = [
            FlatJSONObject.Member(key: "jsonrpc", value: .string("2.0")), .init(key: "method", value: .string(method)),
        ]
        if let params { members.append(.init(key: "params", value: params)) }
        return JSONRPCText.object(members)
    }
}

/// A JSON-RPC 2.0 response: the result or the error of the call with `id`.
public struct JSONRPCResponse: Sendable, Equatable {
    /// The call's id; `null` when the server could not read it.
    public var id: JSONRPCID
    /// The result, or the error.
    public var outcome: Result<FlatJSONObject.Value, JSONRPCError>

    /// Creates a response.
    public init(id: JSONRPCID, outcome: Result<FlatJSONObject.Value, JSONRPCError>) {
        self.id = id
        self.outcome = outcome
    }

    /// The message's JSON text.
    public var text: String {
        var members = [FlatJSONObject.Member(key: "jsonrpc", value: .string("2.0")), .init(key: "id", value: id.value)]
        switch outcome {
        case .success(let result): members.append(.init(key: "result", value: result))
        case .failure(let error): members.append(.init(key: "error", value: error.value))
        }
        return JSONRPCText.object(members)
    }
}

/// A JSON-RPC 2.0 error object.
///
/// The description names the code and the server's message; it never quotes
/// `data`, which may echo what was sent.
public struct JSONRPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code; see ``JSONRPCErrorCode`` for the ones PROTOCOL.md §7 defines.
    public var code: JSONRPCErrorCode
    /// The server's explanation.
    public var message: String
    /// Structured details, if any.
    public var data: FlatJSONObject.Value?

    /// Creates an error.
    public init(code: JSONRPCErrorCode, message: String, data: FlatJSONObject.Value? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The error as a nested JSON object.
    public var value: FlatJSONObject.Value {
        .object(["code": .number(Double(code.rawValue)), "message": .string(message), "data": data])
    }

    /// `data.code` when the server put a symbolic code there (`UPSTREAM_FAILED`).
    public var dataCode: String? {
        data?.object?.string("code")
    }

    /// "JSON-RPC error -32601 (method not found): message".
    public var description: String {
        "JSON-RPC error \(code.rawValue) (\(code.meaning)): \(message)"
    }
}

/// Everything one WebSocket text message can hold.
public enum JSONRPCMessage: Sendable, Equatable {
    /// A call the peer wants answered.
    case request(JSONRPCRequest)
    /// A notification.
    case notification(JSONRPCNotification)
    /// An answer to one of our calls.
    case response(JSONRPCResponse)

    /// The message's JSON text.
    public var text: String {
        switch self {
        case .request(let request): request.text
        case .notification(let notification): notification.text
        case .response(let response): response.text
        }
    }
}
