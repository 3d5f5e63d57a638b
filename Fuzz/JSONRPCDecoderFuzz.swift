// libFuzzer harness for JSONRPCDecoder and the JSON-RPC encoder (compiled with the
// JSON-RPC and flat JSON sources; see `make fuzz`).
//
// Input: one WebSocket text message, as bytes. Properties, each a trap when broken:
// - decoding never traps, and the only failure is a thrown JSONRPCDecodingError (typed
//   throws makes that a compile-time fact; the harness checks the rest);
// - contiguous bytes, a non-contiguous collection and (for valid UTF-8) a String give
//   the same result;
// - every decoded message re-encodes (`text`) to JSON that decodes to the same message,
//   and that text is a fixed point of decode-then-encode;
// - the replies owed to an invalid element or to an undecodable message encode to JSON
//   that decodes to the same response, under the same id;
// - a batch's messages, encoded and joined into a batch again, decode to the same batch.

/// Decodes `text`, which the encoder wrote, expecting exactly one valid message.
private func decodeEncoded(_ text: String) -> JSONRPCMessage {
    guard case .single(.success(let message))? = try? JSONRPCDecoder.decode(text) else {
        preconditionFailure("encoded text does not decode to one valid message")
    }
    return message
}

/// Checks that `message` survives encoding and decoding.
private func checkRoundTrip(_ message: JSONRPCMessage) {
    let text = message.text
    let decoded = decodeEncoded(text)
    precondition(decoded == message, "a message changed on re-encoding")
    precondition(decoded.text.utf8.elementsEqual(text.utf8), "encoding is not a fixed point")
}

/// Checks that the reply owed for a bad message is a valid response that survives a round trip.
private func checkReply(_ reply: JSONRPCResponse) {
    guard case .failure = reply.outcome else { preconditionFailure("a reply to a bad message must be an error") }
    checkRoundTrip(.response(reply))
}

private func check(_ element: JSONRPCDecoder.Element) {
    switch element {
    case .success(let message): checkRoundTrip(message)
    case .failure(let invalid): checkReply(invalid.reply)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func jsonRPCDecoderFuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let outcome = Result { () throws(JSONRPCDecodingError) in try JSONRPCDecoder.decode(bytes: bytes) }

    let lazyOutcome = Result { () throws(JSONRPCDecodingError) in
        try JSONRPCDecoder.decode(bytes: bytes.lazy.map { $0 })
    }
    precondition(lazyOutcome == outcome, "a non-contiguous collection decoded differently")
    if let text = String(validating: bytes, as: UTF8.self) {
        let textOutcome = Result { () throws(JSONRPCDecodingError) in try JSONRPCDecoder.decode(text) }
        precondition(textOutcome == outcome, "the String decoded differently from its bytes")
    }

    switch outcome {
    case .failure(let error):
        checkReply(error.reply)
    case .success(.single(let element)):
        check(element)
    case .success(.batch(let elements)):
        precondition(!elements.isEmpty, "an empty batch must throw")
        elements.forEach(check)
        let messages = elements.compactMap { try? $0.get() }
        guard !messages.isEmpty else { break }
        let batch = "[" + messages.map(\.text).joined(separator: ",") + "]"
        let again = try? JSONRPCDecoder.decode(batch)
        precondition(
            again == .batch(messages.map { JSONRPCDecoder.Element.success($0) }),
            "a re-encoded batch decoded differently")
    }
    return 0
}
