/// The JSON text of what the mock sends on a WebSocket: responses and
/// notifications, compact, one message per frame.
enum RPCMessageText {
    /// A success response: `{"jsonrpc":"2.0","id":ID,"result":RESULT}`.
    static func result(_ result: JSONValue, id: RPCID) -> String {
        JSONValue.object(["jsonrpc": "2.0", "id": id.json, "result": result]).encoded()
    }

    /// An error response: `{"jsonrpc":"2.0","id":ID,"error":{…}}`.
    static func error(_ error: RPCError, id: RPCID) -> String {
        JSONValue.object(["jsonrpc": "2.0", "id": id.json, "error": error.json]).encoded()
    }

    /// A notification: `{"jsonrpc":"2.0","method":M,"params":PARAMS}`.
    static func notification(_ method: String, params: JSONValue) -> String {
        JSONValue.object(["jsonrpc": "2.0", "method": .string(method), "params": params]).encoded()
    }

    /// `stream.chunk`, written by hand: it is sent once per token.
    static func chunk(request: RPCID, content: String, index: Int) -> String {
        var text = #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":"#
        request.json.write(to: &text, style: .compact)
        text += #","content":"#
        JSONStringEscaper.write(content, to: &text, asciiOnly: false)
        text += #","chunk_index":"#
        text += String(index)
        text += "}}"
        return text
    }

    /// A batch reply: the replies' texts joined into one array.
    static func batch(_ replies: [String]) -> String {
        "[" + replies.joined(separator: ",") + "]"
    }
}
