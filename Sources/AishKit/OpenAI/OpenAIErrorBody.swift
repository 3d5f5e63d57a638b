/// The error an OpenAI-compatible server reports, in a response body or mid-stream:
/// `{"error": {"message", "type", "code", "param"?}}`.
///
/// `code` may be a string, a number or null depending on the server; a bare
/// `{"error": "…"}` is read too. The texts are kept as the server sent them; make
/// them safe with ``OpenAIServerText`` before showing them.
public struct OpenAIErrorBody: Sendable, Equatable {
    /// The server's explanation.
    public var message: String
    /// The kind of error (`invalid_request_error`, `server_error`, …), if given.
    public var type: String?
    /// A machine-readable code (`model_not_found`, `rate_limit_exceeded`, `429`, …), if given.
    public var code: String?

    /// Creates an error body.
    public init(message: String, type: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
    }

    /// Reads a whole response body; `nil` when it is not JSON with an `error` member.
    public init?(json bytes: some Collection<UInt8>) {
        let read = { (buffer: UnsafeBufferPointer<UInt8>) -> OpenAIErrorBody? in
            var scanner = JSONScanner(buffer)
            var wrapped: OpenAIErrorBody?
            var unwrapped = ErrorFields()
            do {
                try scanner.readObject { scanner, key throws(WireFormatError) in
                    if JSONScanner.key(key, is: "error") {
                        wrapped = try OpenAIErrorBody(scanning: &scanner)
                    } else {
                        try unwrapped.read(key, &scanner)
                    }
                }
                try scanner.finish()
            } catch {
                return nil
            }
            return wrapped ?? unwrapped.body
        }
        guard let body = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
        else { return nil }
        self = body
    }

    /// Reads the value of an `error` member: an object, or a bare string.
    init(scanning scanner: inout JSONScanner) throws(WireFormatError) {
        guard scanner.next == ASCII.openBrace else {
            guard let text = try scanner.readString() else {
                throw WireFormatError("an \"error\" that is neither an object nor a string")
            }
            self.init(message: text)
            return
        }
        var fields = ErrorFields()
        try scanner.readObject { scanner, key throws(WireFormatError) in try fields.read(key, &scanner) }
        self = fields.body ?? OpenAIErrorBody(message: "the server reported an error without a message")
    }

    /// The members of an error object, as they are read.
    private struct ErrorFields {
        var message: String?
        var type: String?
        var code: String?

        /// Reads the member `key`, or skips it.
        mutating func read(_ key: UnsafeBufferPointer<UInt8>, _ scanner: inout JSONScanner)
            throws(WireFormatError)
        {
            if JSONScanner.key(key, is: "message") {
                message = try scanner.readString()
            } else if JSONScanner.key(key, is: "type") {
                type = try scanner.readString()
            } else if JSONScanner.key(key, is: "code") {
                code = scanner.next == ASCII.quote ? try scanner.readString() : try scanner.readInt().map(String.init)
            } else {
                try scanner.skipValue()
            }
        }

        /// The error, when a message (or at least a code or type) was read.
        var body: OpenAIErrorBody? {
            guard let text = message ?? code ?? type else { return nil }
            return OpenAIErrorBody(message: text, type: type, code: code)
        }
    }

    /// `"message [code]"`, made safe to print.
    public var summary: String {
        var text = OpenAIServerText.safe(message)
        guard let tag = code ?? type else { return text }
        while text.hasSuffix(".") { text.removeLast() }
        return "\(text) [\(OpenAIServerText.safe(tag, limit: 64))]"
    }
}
