extension StreamEvent {
    /// Appends the event in SSE form (`id:`, `event:`, `data:` and a blank line).
    /// Content events are written without building a ``JSONValue``: a 20,000-token
    /// reply must encode in a few milliseconds.
    func writeSSE(to output: inout String, specialistID: String) {
        // Only the OpenAI-compatible routes think aloud; Tekton's stream has no such event.
        if case .reasoning = payload { return }
        output += "id: "
        output += String(id)
        output += "\nevent: "
        output += name
        output += "\ndata: "
        switch payload {
        case .content(let text):
            output += "{\"type\":\"content\",\"data\":"
            JSONStringEscaper.write(text, to: &output, asciiOnly: false)
            output += ",\"specialist_id\":"
            JSONStringEscaper.write(specialistID, to: &output, asciiOnly: false)
            output += "}"
        case .reasoning:
            return
        case .start(let requestID):
            JSONValue.object([
                "type": "start", "specialist_id": .string(specialistID), "request_id": .string(requestID),
            ]).write(to: &output, style: .compact)
        case .error(let recoverable, let code, let message):
            JSONValue.object([
                "type": "error", "recoverable": .bool(recoverable), "code": .string(code), "message": .string(message),
            ]).write(to: &output, style: .compact)
        case .done(let tokensUsed, let finishReason):
            JSONValue.object([
                "type": "done", "tokens_used": .int(tokensUsed), "finish_reason": .string(finishReason),
            ]).write(to: &output, style: .compact)
        }
        output += "\n\n"
    }

    /// The SSE comment sent while a stream is idle, so proxies keep it open.
    static let keepAliveComment = ": keep-alive\n\n"
}
