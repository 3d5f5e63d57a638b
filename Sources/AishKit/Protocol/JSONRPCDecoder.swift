/// Reads one WebSocket text message as JSON-RPC 2.0: a single message or a batch.
///
/// Everything from the network is validated and nothing traps on bad input. A
/// message that is not JSON, or an empty batch, throws a
/// ``JSONRPCDecodingError`` carrying the `null`-id reply it is owed. A batch
/// element that is not a valid message is returned as a failure carrying the
/// -32600 reply it is owed (under its id when that could be read, else `null`),
/// so one bad element does not spoil the rest.
public enum JSONRPCDecoder {
    /// The result for each element: the message, or why it is invalid.
    public typealias Element = Result<JSONRPCMessage, JSONRPCInvalidMessage>

    /// What a text message held.
    public enum Inbound: Sendable, Equatable {
        /// One message (or one invalid one).
        case single(Element)
        /// A batch, in order.
        case batch([Element])
    }

    /// Decodes UTF-8 text.
    public static func decode(_ text: String) throws(JSONRPCDecodingError) -> Inbound {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONRPCDecodingError) in try decode(bytes: buffer) }
        }
        return try result.get()
    }

    /// Decodes UTF-8 bytes.
    public static func decode(bytes: some Collection<UInt8>) throws(JSONRPCDecodingError) -> Inbound {
        guard let first = bytes.first(where: { !isWhitespace($0) }) else {
            throw .parseError(FlatJSONError(offset: bytes.count, reason: "empty message"))
        }
        if first == ASCII.openBrace {
            do {
                return .single(element(try FlatJSONObject(parsing: bytes)))
            } catch {
                throw .parseError(error)
            }
        }
        if first == ASCII.openBracket { return try batch(bytes) }
        // Anything else is validated as the value of a wrapping object.
        let wrapped: FlatJSONObject
        do {
            wrapped = try FlatJSONObject(parsing: Array("{\"m\":".utf8) + bytes + [ASCII.closeBrace])
        } catch {
            throw .parseError(FlatJSONError(offset: max(error.offset - 5, 0), reason: error.reason))
        }
        // More than one member means the text smuggled in `,"key":…`: not one value.
        guard wrapped.members.count == 1 else {
            throw .parseError(FlatJSONError(offset: 0, reason: "more than one JSON value"))
        }
        return .single(.failure(JSONRPCInvalidMessage(id: .null, reason: "expected an object or a batch")))
    }

    /// A batch, read in one pass over the bytes: each element's object is read where
    /// it lies, not copied out and read again (a streamed reply's chunks come several
    /// to a frame).
    private static func batch(_ bytes: some Collection<UInt8>) throws(JSONRPCDecodingError) -> Inbound {
        let read = { (buffer: UnsafeBufferPointer<UInt8>) -> Result<[[FlatJSONObject.Member]?], FlatJSONError> in
            var parser = FlatJSONParser(buffer)
            return Result { () throws(FlatJSONError) in try parser.parseArrayOfObjects() }
        }
        let parsed = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
        let elements: [[FlatJSONObject.Member]?]
        do {
            elements = try parsed.get()
        } catch {
            throw .parseError(error)
        }
        guard !elements.isEmpty else { throw .emptyBatch }
        return .batch(
            elements.map { members in
                guard let members else {
                    return .failure(JSONRPCInvalidMessage(id: .null, reason: "expected an object"))
                }
                return element(FlatJSONObject(members: members))
            })
    }

    /// Classifies and validates one message object.
    static func element(_ object: FlatJSONObject) -> Element {
        let idValue = object["id"]
        let id = idValue.flatMap(JSONRPCID.init)
        if idValue != nil && id == nil {
            return .failure(JSONRPCInvalidMessage(id: .null, reason: "\"id\" must be a string, a whole number or null"))
        }
        let replyID = id ?? .null
        guard object.string("jsonrpc") == "2.0" else {
            return .failure(JSONRPCInvalidMessage(id: replyID, reason: "\"jsonrpc\" must be \"2.0\""))
        }
        if let methodValue = object["method"] {
            guard case .string(let method) = methodValue else {
                return .failure(JSONRPCInvalidMessage(id: replyID, reason: "\"method\" must be a string"))
            }
            let params = object["params"]
            if let params, !isStructured(params) {
                return .failure(JSONRPCInvalidMessage(id: replyID, reason: "\"params\" must be an object or an array"))
            }
            guard let id else { return .success(.notification(JSONRPCNotification(method: method, params: params))) }
            return .success(.request(JSONRPCRequest(id: id, method: method, params: params)))
        }
        return response(object, id: id)
    }

    private static func response(_ object: FlatJSONObject, id: JSONRPCID?) -> Element {
        guard let id else {
            return .failure(
                JSONRPCInvalidMessage(id: .null, reason: "neither a request (no \"method\") nor a response (no \"id\")")
            )
        }
        switch (object["result"], object["error"]) {
        case (let result?, nil):
            return .success(.response(JSONRPCResponse(id: id, outcome: .success(result))))
        case (nil, let error?):
            guard let error = rpcError(error) else {
                return .failure(
                    JSONRPCInvalidMessage(
                        id: id, reason: "\"error\" must be an object with an integer \"code\" and a string \"message\"")
                )
            }
            return .success(.response(JSONRPCResponse(id: id, outcome: .failure(error))))
        case (nil, nil):
            return .failure(JSONRPCInvalidMessage(id: id, reason: "a response needs \"result\" or \"error\""))
        case (.some, .some):
            return .failure(
                JSONRPCInvalidMessage(id: id, reason: "a response cannot have both \"result\" and \"error\""))
        }
    }

    private static func rpcError(_ value: FlatJSONObject.Value) -> JSONRPCError? {
        guard let object = value.object, let code = object.int("code"), let message = object.string("message") else {
            return nil
        }
        return JSONRPCError(code: JSONRPCErrorCode(rawValue: code), message: message, data: object["data"])
    }

    private static func isStructured(_ value: FlatJSONObject.Value) -> Bool {
        guard case .nested = value else { return false }
        return true
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lineFeed || byte == ASCII.carriageReturn
    }
}

/// A message that is valid JSON but not valid JSON-RPC 2.0.
public struct JSONRPCInvalidMessage: Error, Sendable, Equatable {
    /// The id to answer under: the message's own when it could be read, else `null`.
    public var id: JSONRPCID
    /// What was wrong.
    public var reason: String

    /// Creates the description of an invalid message.
    public init(id: JSONRPCID, reason: String) {
        self.id = id
        self.reason = reason
    }

    /// The -32600 response the message is owed.
    public var reply: JSONRPCResponse {
        JSONRPCResponse(
            id: id, outcome: .failure(JSONRPCError(code: .invalidRequest, message: "Invalid request: \(reason)")))
    }
}

/// A text message that cannot be read as JSON-RPC at all.
public enum JSONRPCDecodingError: Error, Sendable, Equatable {
    /// Not valid JSON (owed -32700 with id `null`).
    case parseError(FlatJSONError)
    /// An empty batch, `[]` (owed -32600 with id `null`).
    case emptyBatch

    /// The response the message is owed.
    public var reply: JSONRPCResponse {
        switch self {
        case .parseError(let error):
            JSONRPCResponse(
                id: .null, outcome: .failure(JSONRPCError(code: .parseError, message: "Parse error: \(error)")))
        case .emptyBatch:
            JSONRPCResponse(
                id: .null,
                outcome: .failure(JSONRPCError(code: .invalidRequest, message: "Invalid request: an empty batch")))
        }
    }
}
