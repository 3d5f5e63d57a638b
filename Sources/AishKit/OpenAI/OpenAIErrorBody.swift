/// The error an OpenAI-compatible server reports, in a response body or mid-stream:
/// `{"error": {"message", "type", "code", "param"?}}`.
///
/// `code` may be a string, a number or null depending on the server; a bare
/// `{"error": "…"}`, Gemini's `[{"error": {…}}]`, vLLM's top-level `message` and
/// FastAPI's `{"detail": …}` are read too. The texts are kept as the server sent them; make
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

    /// Reads a whole response body; `nil` when it is not JSON with an `error` member
    /// (or a top-level `message`, or FastAPI's `detail`). Google's Gemini wraps the
    /// object in an array, `[{"error": {…}}]`: its first element is read.
    public init?(json bytes: some Collection<UInt8>) {
        let read = { (buffer: UnsafeBufferPointer<UInt8>) -> OpenAIErrorBody? in
            var scanner = JSONScanner(buffer)
            var body: OpenAIErrorBody?
            do {
                if scanner.next == ASCII.openBracket {
                    try scanner.readArray { scanner, index throws(WireFormatError) in
                        guard index == 0, scanner.next == ASCII.openBrace else { return try scanner.skipValue() }
                        body = try Self.readObject(&scanner)
                    }
                } else {
                    body = try Self.readObject(&scanner)
                }
                try scanner.finish()
            } catch {
                return nil
            }
            return body
        }
        guard let body = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
        else { return nil }
        self = body
    }

    /// Reads an error answer's object: its `error` member, else its own fields.
    private static func readObject(_ scanner: inout JSONScanner) throws(WireFormatError) -> OpenAIErrorBody? {
        var wrapped: OpenAIErrorBody?
        var unwrapped = ErrorFields()
        try scanner.readObject { scanner, key throws(WireFormatError) in
            if JSONScanner.key(key, is: "error") {
                wrapped = try OpenAIErrorBody(scanning: &scanner)
            } else {
                try unwrapped.read(key, &scanner)
            }
        }
        return wrapped ?? unwrapped.body
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
        /// FastAPI's `detail` (vLLM's and other Python servers' request checks).
        var detail: String?

        /// Reads the member `key`, or skips it.
        mutating func read(_ key: UnsafeBufferPointer<UInt8>, _ scanner: inout JSONScanner)
            throws(WireFormatError)
        {
            if JSONScanner.key(key, is: "message") {
                message = try scanner.readString()
            } else if JSONScanner.key(key, is: "type") {
                type = try scanner.readString() ?? type
            } else if JSONScanner.key(key, is: "status") {
                // Gemini's kind of error (`INVALID_ARGUMENT`), where OpenAI has `type`.
                let status = try scanner.readString()
                type = type ?? status
            } else if JSONScanner.key(key, is: "code") {
                code = scanner.next == ASCII.quote ? try scanner.readString() : try scanner.readInt().map(String.init)
            } else if JSONScanner.key(key, is: "detail") {
                detail = try Self.detail(&scanner)
            } else {
                try scanner.skipValue()
            }
        }

        /// The error, when a message (or at least a code or type) was read.
        var body: OpenAIErrorBody? {
            guard let text = message ?? detail ?? code ?? type else { return nil }
            return OpenAIErrorBody(message: text, type: type, code: code)
        }

        /// FastAPI's `detail`: a string (`"Not Found"`), or its request check's
        /// problems, `[{"loc": ["body", "messages", 0], "msg": "field required"}]`, as
        /// `body.messages.0: field required` (the first three, joined by `; `).
        private static func detail(_ scanner: inout JSONScanner) throws(WireFormatError) -> String? {
            guard scanner.next == ASCII.openBracket else { return try scanner.readString() }
            var problems: [String] = []
            try scanner.readArray { scanner, _ throws(WireFormatError) in
                guard scanner.next == ASCII.openBrace else { return try scanner.skipValue() }
                var location: [String] = []
                var text: String?
                try scanner.readObject { scanner, key throws(WireFormatError) in
                    if JSONScanner.key(key, is: "msg") {
                        text = try scanner.readString()
                    } else if JSONScanner.key(key, is: "loc"), scanner.next == ASCII.openBracket {
                        try scanner.readArray { scanner, _ throws(WireFormatError) in
                            let part =
                                scanner.next == ASCII.quote
                                ? try scanner.readString()
                                : try scanner.readInt()
                                    .map(String.init)
                            if let part { location.append(part) }
                        }
                    } else {
                        try scanner.skipValue()
                    }
                }
                guard let text else { return }
                problems.append(location.isEmpty ? text : location.joined(separator: ".") + ": " + text)
            }
            return problems.isEmpty ? nil : problems.prefix(3).joined(separator: "; ")
        }
    }

    /// What names the kind of error best: the code, unless it is only a number (an
    /// HTTP status, as Gemini gives it) and there is a type.
    public var tag: String? {
        if let code, !code.allSatisfy(\.isNumber) { return code }
        return type ?? code
    }

    /// `"message [tag]"`, made safe to print.
    public var summary: String {
        var text = OpenAIServerText.safe(message)
        guard let tag else { return text }
        while text.hasSuffix(".") { text.removeLast() }
        return "\(text) [\(OpenAIServerText.safe(tag, limit: 64))]"
    }
}
