import AishKit
import Testing

/// The JSON-RPC 2.0 codec: every message form, batches, malformed input, and the
/// rules for `id: null`.
@Suite("JSONRPCDecoder")
struct JSONRPCDecoderTests {
    private func single(_ text: String) throws -> JSONRPCDecoder.Element {
        guard case .single(let element) = try JSONRPCDecoder.decode(text) else {
            Issue.record("expected a single message")
            return .failure(JSONRPCInvalidMessage(id: .null, reason: "batch"))
        }
        return element
    }

    @Test func requestsAndNotifications() throws {
        let request = try single(#"{"jsonrpc":"2.0","id":1,"method":"chat","params":{"message":"hi","stream":true}}"#)
        #expect(
            request
                == .success(
                    .request(
                        JSONRPCRequest(
                            id: .number(1), method: "chat", params: .nested(#"{"message":"hi","stream":true}"#)))))
        let positional = try single(#" {"jsonrpc":"2.0","id":"x","method":"sum","params":[1,2]} "#)
        #expect(
            positional == .success(.request(JSONRPCRequest(id: .string("x"), method: "sum", params: .nested("[1,2]")))))
        let nullID = try single(#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#)
        #expect(nullID == .success(.request(JSONRPCRequest(id: .null, method: "ping"))))
        let notification = try single(
            #"{"jsonrpc":"2.0","method":"stream.chunk","params":{"request":3,"content":"é","chunk_index":0}}"#)
        guard case .success(.notification(let note)) = notification else {
            Issue.record("expected a notification")
            return
        }
        #expect(note.method == "stream.chunk")
        #expect(note.paramsObject?.int("request") == 3)
        #expect(note.paramsObject?.string("content") == "é")
    }

    @Test func responses() throws {
        #expect(
            try single(#"{"jsonrpc":"2.0","id":1,"result":"pong"}"#)
                == .success(.response(JSONRPCResponse(id: .number(1), outcome: .success(.string("pong"))))))
        #expect(
            try single(#"{"jsonrpc":"2.0","id":2,"result":null}"#)
                == .success(.response(JSONRPCResponse(id: .number(2), outcome: .success(.null)))))
        let failure = try single(
            #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error","data":{"code":"X"}}}"#)
        guard case .success(.response(let response)) = failure, case .failure(let error) = response.outcome else {
            Issue.record("expected an error response")
            return
        }
        #expect(response.id == .null)
        #expect(error.code == .parseError)
        #expect(error.message == "Parse error")
        #expect(error.dataCode == "X")
    }

    @Test(arguments: [
        (#"{"jsonrpc":"1.0","id":3,"method":"ping"}"#, JSONRPCID.number(3)),
        (#"{"id":4,"method":"ping"}"#, .number(4)),
        (#"{"jsonrpc":"2.0","id":"s","method":7}"#, .string("s")),
        (#"{"jsonrpc":"2.0","id":6,"method":"ping","params":"x"}"#, .number(6)),
        (#"{"jsonrpc":"2.0","id":7,"result":1,"error":{"code":1,"message":"m"}}"#, .number(7)),
        (#"{"jsonrpc":"2.0","id":8}"#, .number(8)),
        (#"{"jsonrpc":"2.0","id":9,"error":{"code":"x","message":"m"}}"#, .number(9)),
        (#"{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}"#, .null),
        (#"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, .null),
        (#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, .null),
        (#"{"jsonrpc":"2.0","result":1}"#, .null),
        (#""a string""#, .null),
        ("42", .null),
    ])
    func invalidMessagesOweAnInvalidRequestUnderTheirReadableID(text: String, id: JSONRPCID) throws {
        guard case .failure(let invalid) = try single(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(invalid.id == id)
        #expect(invalid.reply.id == id)
        guard case .failure(let error) = invalid.reply.outcome else { return }
        #expect(error.code == .invalidRequest)
    }

    @Test(arguments: ["", "   ", "{", #"{"jsonrpc":"2.0""#, "[1,", "nul", #"[1],"x":2"#, "1,2", "{}}", "\u{FF}", "[{]"])
    func parseErrorsOweMinus32700WithANullID(text: String) {
        #expect {
            _ = try JSONRPCDecoder.decode(text)
        } throws: { error in
            guard let error = error as? JSONRPCDecodingError, case .parseError = error else { return false }
            guard case .failure(let rpc) = error.reply.outcome else { return false }
            return error.reply.id == .null && rpc.code == .parseError
        }
    }

    @Test func batches() throws {
        let text =
            #"[{"jsonrpc":"2.0","id":1,"result":"a,b]"}, 1 ,{"jsonrpc":"2.0","method":"n","params":{"s":"}{\"]"}},{"x":[1,{"y":2}]}]"#
        guard case .batch(let elements) = try JSONRPCDecoder.decode(text) else {
            Issue.record("expected a batch")
            return
        }
        #expect(elements.count == 4)
        #expect(elements[0] == .success(.response(JSONRPCResponse(id: .number(1), outcome: .success(.string("a,b]"))))))
        #expect(elements[1] == .failure(JSONRPCInvalidMessage(id: .null, reason: "expected an object")))
        guard case .success(.notification(let note)) = elements[2] else {
            Issue.record("expected a notification")
            return
        }
        #expect(note.paramsObject?.string("s") == "}{\"]")
        guard case .failure = elements[3] else {
            Issue.record("an object that is no message was accepted")
            return
        }
    }

    @Test func anEmptyBatchOwesOneInvalidRequest() {
        #expect(throws: JSONRPCDecodingError.emptyBatch) { try JSONRPCDecoder.decode(" [ ] ") }
        guard case .failure(let error) = JSONRPCDecodingError.emptyBatch.reply.outcome else { return }
        #expect(error.code == .invalidRequest)
        #expect(JSONRPCDecodingError.emptyBatch.reply.id == .null)
    }

    @Test func deepNestingIsRejectedWithoutCrashing() {
        let deep = #"{"jsonrpc":"2.0","method":"x","params":"# + String(repeating: "[", count: 100_000) + "}"
        #expect(throws: JSONRPCDecodingError.self) { try JSONRPCDecoder.decode(deep) }
        let deepBatch = String(repeating: "[", count: 100_000)
        #expect(throws: JSONRPCDecodingError.self) { try JSONRPCDecoder.decode(deepBatch) }
    }

    @Test func aBatchIsReadInOnePassWithTheSameNestingLimit() throws {
        // 64 levels in all: the batch's array, the element's object, then 62 more.
        func batch(nestedArrays depth: Int) -> String {
            let params =
                "{\"deep\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
            return #"[{"jsonrpc":"2.0","method":"n","params":"# + params + "}, 7]"
        }
        guard case .batch(let elements) = try JSONRPCDecoder.decode(batch(nestedArrays: 61)) else {
            Issue.record("expected a batch")
            return
        }
        #expect(elements.count == 2)
        guard case .success(.notification(let note)) = elements.first else {
            Issue.record("expected a notification")
            return
        }
        #expect(note.method == "n")
        #expect(
            note.paramsObject?["deep"] == .nested(String(repeating: "[", count: 61) + String(repeating: "]", count: 61))
        )
        #expect(elements.last == .failure(JSONRPCInvalidMessage(id: .null, reason: "expected an object")))
        #expect(throws: JSONRPCDecodingError.self) { try JSONRPCDecoder.decode(batch(nestedArrays: 62)) }
        // Bytes after the batch spoil all of it.
        #expect(throws: JSONRPCDecodingError.self) { try JSONRPCDecoder.decode(#"[{"jsonrpc":"2.0","method":"n"}] x"#) }
    }

    @Test func everyPrefixOfAValidMessageIsHandled() throws {
        let text = #"[{"jsonrpc":"2.0","id":1,"method":"chat","params":{"message":"h\u00e9 \"x\" 😀","stream":true}}]"#
        let bytes = Array(text.utf8)
        for end in 0..<bytes.count {
            _ = try? JSONRPCDecoder.decode(bytes: bytes[0..<end])
        }
        guard case .batch(let elements) = try JSONRPCDecoder.decode(text),
            case .success(.request(let request)) = elements.first
        else {
            Issue.record("the whole message did not decode")
            return
        }
        #expect(request.params?.object?.string("message") == "hé \"x\" 😀")
    }
}
