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
            var scanner = OpenAIJSONScanner(buffer)
            var error: Range<Int>?
            var unwrapped = false
            do {
                try scanner.members(of: 0..<buffer.count, whole: true) { key, value in
                    if key.elementsEqual("error".utf8) { error = value }
                    if key.elementsEqual("message".utf8) { unwrapped = true }
                }
                if unwrapped && error == nil { error = 0..<buffer.count }
                guard let error else { return nil }
                return try OpenAIErrorBody(scanning: &scanner, at: error)
            } catch {
                return nil
            }
        }
        guard let body = bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)
        else { return nil }
        self = body
    }

    /// Reads the value of an `error` member: an object, or a bare string.
    init(scanning scanner: inout OpenAIJSONScanner, at range: Range<Int>) throws(WireFormatError) {
        if let text = try scanner.string(at: range) {
            self.init(message: text)
            return
        }
        guard scanner.kind(of: range) == ASCII.openBrace else {
            throw WireFormatError("an \"error\" that is neither an object nor a string")
        }
        var fields: [(key: String, value: Range<Int>)] = []
        try scanner.members(of: range) { key, value in
            fields.append((String(decoding: key, as: UTF8.self), value))
        }
        var message: String?
        var type: String?
        var code: String?
        for field in fields {
            switch field.key {
            case "message": message = try scanner.string(at: field.value)
            case "type": type = try scanner.string(at: field.value)
            case "code": code = try scanner.string(at: field.value) ?? scanner.int(at: field.value).map(String.init)
            default: break
            }
        }
        self.init(
            message: message ?? code ?? type ?? "the server reported an error without a message", type: type, code: code
        )
    }

    /// `"message [code]"`, made safe to print.
    public var summary: String {
        var text = OpenAIServerText.safe(message)
        guard let tag = code ?? type else { return text }
        while text.hasSuffix(".") { text.removeLast() }
        return "\(text) [\(OpenAIServerText.safe(tag, limit: 64))]"
    }
}
