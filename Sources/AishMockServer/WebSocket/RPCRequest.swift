/// The id of a JSON-RPC call: a number or a string, echoed back exactly; `null`
/// in replies to messages whose id could not be read.
enum RPCID: Hashable, Sendable {
    case number(Int)
    case string(String)
    case null

    /// The id as JSON.
    var json: JSONValue {
        switch self {
        case .number(let value): .int(value)
        case .string(let value): .string(value)
        case .null: .null
        }
    }

    /// Reads an id; nil for values an id cannot be (objects, arrays, booleans, fractions).
    init?(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .string(let text): self = .string(text)
        case .int(let number): self = .number(number)
        case .double(let number):
            guard let integer = Int(exactly: number) else { return nil }
            self = .number(integer)
        default: return nil
        }
    }
}

/// One valid JSON-RPC 2.0 request or notification, read from a message.
struct RPCRequest: Sendable {
    /// The call's id; nil for a notification, which gets no reply.
    let id: RPCID?
    /// The method name.
    let method: String
    /// The params: an object, an array, or nil when absent.
    let params: JSONValue?

    /// Reads a request object. When it is not a valid request, throws the -32600
    /// reply it is owed: with its id when that could be read, else with `null`.
    /// (A message that is not even an object is owed a reply with `null`.)
    static func read(_ value: JSONValue) throws(RPCFailure) -> RPCRequest {
        guard case .object = value else {
            throw RPCFailure(id: .null, error: .invalidRequest("expected a request object"))
        }
        let idMember = value[member: "id"]
        let id = idMember.flatMap(RPCID.init)
        guard idMember == nil || id != nil else {
            throw RPCFailure(id: .null, error: .invalidRequest("\"id\" must be a string, a whole number or null"))
        }
        let replyID = id ?? .null
        guard value[member: "jsonrpc"] == .string("2.0") else {
            throw RPCFailure(id: replyID, error: .invalidRequest("\"jsonrpc\" must be \"2.0\""))
        }
        guard let method = value[member: "method"]?.stringValue else {
            throw RPCFailure(id: replyID, error: .invalidRequest("\"method\" must be a string"))
        }
        let params = value[member: "params"]
        switch params {
        case nil, .object?, .array?:
            break
        default:
            throw RPCFailure(id: replyID, error: .invalidRequest("\"params\" must be an object or an array"))
        }
        return RPCRequest(id: id, method: method, params: params)
    }
}

/// An error reply owed to a message, with the id to answer it under.
struct RPCFailure: Error, Sendable {
    /// The id the reply carries (`null` when the request's id was unreadable).
    let id: RPCID
    /// The error.
    let error: RPCError
}
