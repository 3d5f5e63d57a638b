import NIOCore

extension StreamEvent {
    /// Appends the event in SSE form (`id:`, `event:`, `data:` and a blank line).
    /// Content events are written without building a ``JSONValue``: a 20,000-token
    /// reply must encode in a few milliseconds.
    func writeSSE(to buffer: inout ByteBuffer, specialistID: String) {
        buffer.writeStaticString("id: ")
        buffer.writeString(String(id))
        buffer.writeStaticString("\nevent: ")
        buffer.writeStaticString(name)
        buffer.writeStaticString("\ndata: ")
        switch payload {
        case .content(let text):
            buffer.writeStaticString("{\"type\":\"content\",\"data\":")
            JSONStringEscaper.write(text, to: &buffer, asciiOnly: false)
            buffer.writeStaticString(",\"specialist_id\":")
            JSONStringEscaper.write(specialistID, to: &buffer, asciiOnly: false)
            buffer.writeStaticString("}")
        case .start(let requestID):
            JSONValue.object([
                "type": "start", "specialist_id": .string(specialistID), "request_id": .string(requestID),
            ]).write(to: &buffer, style: .compact)
        case .error(let recoverable, let code, let message):
            JSONValue.object([
                "type": "error", "recoverable": .bool(recoverable), "code": .string(code), "message": .string(message),
            ]).write(to: &buffer, style: .compact)
        case .done(let tokensUsed, let finishReason):
            JSONValue.object([
                "type": "done", "tokens_used": .int(tokensUsed), "finish_reason": .string(finishReason),
            ]).write(to: &buffer, style: .compact)
        }
        buffer.writeStaticString("\n\n")
    }

    /// The SSE comment sent while a stream is idle, so proxies keep it open.
    static let keepAliveComment: StaticString = ": keep-alive\n\n"
}
