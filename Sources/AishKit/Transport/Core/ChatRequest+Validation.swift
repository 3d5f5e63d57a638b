extension ChatRequest {
    /// Room left in a request for everything around the message: the JSON-RPC or
    /// JSON envelope, the session id, the options.
    static let envelopeAllowance = 1024

    /// Throws ``AishError/emptyMessage`` when there is nothing to send, and
    /// ``AishError/invalidArgument(name:value:hint:)`` (exit 64, on every transport
    /// alike) when the message, JSON-encoded with its envelope, would pass the 1 MiB
    /// a server accepts per request (PROTOCOL.md §8).
    public func validate() throws(AishError) {
        guard message.contains(where: { !$0.isWhitespace }) else { throw AishError.emptyMessage }
        let encoded = JSONRPCText.escapedLength(message) + Self.envelopeAllowance
        guard encoded <= MessageInput.maximumBytes else {
            throw AishError.invalidArgument(
                name: "message", value: "\(encoded) bytes once encoded",
                hint: """
                    a server accepts at most \(MessageInput.maximumBytes) bytes (1 MiB) per request, the message \
                    JSON-encoded with its envelope (a quote, backslash or control character takes 2 to 6 bytes); \
                    shorten it
                    """)
        }
    }
}
