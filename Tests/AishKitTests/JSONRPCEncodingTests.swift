import AishKit
import Testing

/// Writing JSON-RPC messages, and reading them back.
@Suite("JSONRPC encoding")
struct JSONRPCEncodingTests {
    @Test func messagesHaveTheExactWireForm() {
        let params = FlatJSONObject.Value.object([
            "message": .string("a \"quote\"\n\u{1}é"), "stream": .bool(true), "session_id": nil,
            "max_tokens": .number(200),
        ])
        let request = JSONRPCRequest(id: .number(7), method: "chat", params: params)
        #expect(
            request.text
                == #"{"jsonrpc":"2.0","id":7,"method":"chat","params":{"message":"a \"quote\"\n\u0001é","stream":true,"max_tokens":200}}"#
        )
        #expect(
            JSONRPCNotification(method: "cancel", params: .object(["request": .number(7)])).text
                == #"{"jsonrpc":"2.0","method":"cancel","params":{"request":7}}"#)
        #expect(JSONRPCRequest(id: .string("p"), method: "ping").text == #"{"jsonrpc":"2.0","id":"p","method":"ping"}"#)
        let error = JSONRPCError(code: .requestCancelled, message: "Request cancelled.")
        #expect(
            JSONRPCResponse(id: .number(1), outcome: .failure(error)).text
                == #"{"jsonrpc":"2.0","id":1,"error":{"code":-32800,"message":"Request cancelled."}}"#)
        #expect(
            JSONRPCResponse(id: .null, outcome: .success(.number(0.5))).text
                == #"{"jsonrpc":"2.0","id":null,"result":0.5}"#)
        #expect(FlatJSONObject.Value.strings(["a", "b\""]) == .nested(#"["a","b\""]"#))
    }

    @Test(arguments: [
        JSONRPCMessage.request(JSONRPCRequest(id: .string("é"), method: "m", params: .nested("[1,{\"a\":[]}]"))),
        .notification(
            JSONRPCNotification(
                method: "stream.chunk", params: .object(["request": .number(1), "content": .string("\t😀")]))),
        .response(JSONRPCResponse(id: .number(-3), outcome: .success(.bool(false)))),
        .response(
            JSONRPCResponse(
                id: .number(4),
                outcome: .failure(
                    JSONRPCError(code: .rateLimited, message: "slow", data: .object(["retry_after": .number(2)]))))),
    ])
    func roundTrips(message: JSONRPCMessage) throws {
        #expect(try JSONRPCDecoder.decode(message.text) == .single(.success(message)))
    }

    /// -2^63 is a whole number that fits `Int`, so it is a valid id or error code; writing
    /// it used to trap (`abs(Int.min)` overflows), so a server could crash aish with a
    /// request or an invalid message under that id, which aish answers. Found by `make fuzz`.
    @Test func theMostNegativeIntegerIsWritten() throws {
        let text = #"{"jsonrpc":"1.0","id":-9223372036854775808,"method":"ping"}"#
        guard case .single(.failure(let invalid)) = try JSONRPCDecoder.decode(text) else {
            Issue.record("expected an invalid message")
            return
        }
        #expect(invalid.id == .number(Int.min))
        #expect(try JSONRPCDecoder.decode(invalid.reply.text) == .single(.success(.response(invalid.reply))))
        let error = JSONRPCError(code: JSONRPCErrorCode(rawValue: Int.min), message: "m")
        let response = JSONRPCResponse(id: .number(Int.min), outcome: .failure(error))
        #expect(
            response.text
                == #"{"jsonrpc":"2.0","id":-9.223372036854776e+18,"error":{"code":-9.223372036854776e+18,"message":"m"}}"#
        )
        #expect(try JSONRPCDecoder.decode(response.text) == .single(.success(.response(response))))
        #expect(JSONRPCID.number(Int.min).description == "-9.223372036854776e+18")
    }

    @Test func errorCodesFollowTheProtocolTable() {
        let table: [(Int, JSONRPCErrorCode, String)] = [
            (-32700, .parseError, "PARSE_ERROR"), (-32600, .invalidRequest, "INVALID_REQUEST"),
            (-32601, .methodNotFound, "METHOD_NOT_FOUND"), (-32602, .invalidParams, "INVALID_PARAMS"),
            (-32603, .internalError, "INTERNAL_ERROR"), (-32000, .sessionExpired, "SESSION_EXPIRED"),
            (-32001, .specialistUnavailable, "AI_UNAVAILABLE"),
            (-32002, .contextLimitExceeded, "CONTEXT_LIMIT_EXCEEDED"),
            (-32003, .rateLimited, "RATE_LIMITED"), (-32004, .unauthorized, "UNAUTHORIZED"),
            (-32800, .requestCancelled, "REQUEST_CANCELLED"),
        ]
        for (number, code, name) in table {
            #expect(JSONRPCErrorCode(rawValue: number) == code)
            #expect(code.name == name)
        }
        #expect(JSONRPCErrorCode(rawValue: -32050).meaning == "server error")
        #expect(JSONRPCErrorCode(rawValue: 12).name == "JSONRPC_12")
    }

    @Test func errorsMapToAishErrors() {
        let unavailable = JSONRPCError(code: .specialistUnavailable, message: "Specialist 'hermes' is not available.")
        #expect(
            unavailable.aishError(specialistID: "hermes")
                == .specialistUnavailable(id: "hermes", detail: "Specialist 'hermes' is not available."))
        let expired = JSONRPCError(code: .sessionExpired, message: "gone")
        #expect(expired.aishError(specialistID: "apollo") == .sessionExpired(id: "apollo", detail: "gone"))
        #expect(expired.aishError(specialistID: "apollo").exitCode == 1)
        let upstream = JSONRPCError(
            code: .internalError, message: "boom", data: .object(["code": .string("UPSTREAM_FAILED")]))
        #expect(
            upstream.aishError(specialistID: "apollo")
                == .specialistFailed(id: "apollo", code: "UPSTREAM_FAILED", message: "boom"))
        let limited = JSONRPCError(
            code: .rateLimited, message: "slow down", data: .object(["retry_after": .number(7)]))
        #expect(
            limited.aishError(specialistID: "apollo", url: "http://t")
                == .rateLimited(url: "http://t", retryAfter: 7, attempts: 1))
        let refused = JSONRPCError(code: .unauthorized, message: "no")
        #expect(
            refused.aishError(specialistID: "apollo", url: "http://t", hasToken: true)
                == .unauthorized(url: "http://t", hasToken: true))
        #expect(AishError.sessionExpired(id: "apollo", detail: "gone").description.contains("start a new conversation"))
    }
}
