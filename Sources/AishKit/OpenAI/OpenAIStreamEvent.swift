/// One `data:` event of an OpenAI chat-completions stream, as real servers send it:
/// chunks `{"id", "choices": [{"delta": {"role"?, "content"?}, "finish_reason"}],
/// "usage"?}`, an error `{"error": {"message", "type", "code"}}`, or `[DONE]`.
///
/// A chunk's first delta may carry only the role, a delta's `content` may be null,
/// `finish_reason` comes on the last choice chunk, and the usage chunk has
/// `"choices": []`. Only the first choice is read (aish never asks for more).
public enum OpenAIStreamEvent: Sendable, Equatable {
    /// A chunk of the reply.
    case chunk(OpenAIStreamChunk)
    /// The server reported an error; the stream ends.
    case error(OpenAIErrorBody)
    /// `data: [DONE]`: the stream is complete.
    case done

    /// Reads one event's data (UTF-8 JSON, or `[DONE]`).
    ///
    /// - Throws: ``WireFormatError`` naming what was wrong, never quoting the data.
    public init(data: some Collection<UInt8>) throws(WireFormatError) {
        let read = { (buffer: UnsafeBufferPointer<UInt8>) in
            Result { () throws(WireFormatError) in try Self.read(buffer) }
        }
        let result = data.withContiguousStorageIfAvailable(read) ?? Array(data).withUnsafeBufferPointer(read)
        self = try result.get()
    }

    /// Reads one event's data from text; without `readingID` the chunk's `id` is
    /// left out, which spares a string per token once the stream has started.
    public init(data: String, readingID: Bool = true) throws(WireFormatError) {
        var text = data
        let result = text.withUTF8 { buffer in
            Result { () throws(WireFormatError) in try Self.read(buffer, readingID: readingID) }
        }
        self = try result.get()
    }

    private static let doneMarker = Array("[DONE]".utf8)

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, readingID: Bool = true) throws(WireFormatError)
        -> OpenAIStreamEvent
    {
        if bytes.count < 16, bytes.elementsEqual(doneMarker) { return .done }
        var scanner = OpenAIJSONScanner(bytes)
        var chunk = OpenAIStreamChunk()
        var id: Range<Int>?
        var choices: Range<Int>?
        var usage: Range<Int>?
        var error: Range<Int>?
        try scanner.members(of: 0..<bytes.count, whole: true) { key, value throws(WireFormatError) in
            switch key.count {
            case 2 where key.elementsEqual("id".utf8):
                id = value
            case 5 where key.elementsEqual("usage".utf8):
                usage = value
            case 5 where key.elementsEqual("error".utf8):
                error = value
            case 7 where key.elementsEqual("choices".utf8):
                choices = value
            default:
                break
            }
        }
        if readingID, let id { chunk.id = try scanner.string(at: id) }
        if let error { return .error(try OpenAIErrorBody(scanning: &scanner, at: error)) }
        if let choices, scanner.kind(of: choices) == ASCII.openBracket,
            let first = try scanner.firstElement(of: choices)
        {
            try chunk.readChoice(&scanner, at: first)
        }
        if let usage, scanner.kind(of: usage) == ASCII.openBrace {
            chunk.usage = try OpenAIUsage(scanning: &scanner, at: usage)
        }
        return .chunk(chunk)
    }
}

/// What one stream chunk says: some reply text, why generation stopped, the tokens
/// used; any of them may be absent.
public struct OpenAIStreamChunk: Sendable, Equatable {
    /// The completion's id (`chatcmpl-…`), the same in every chunk.
    public var id: String?
    /// The delta's text; `nil` for a role-only delta or a null `content`.
    public var content: String?
    /// Why generation stopped (`stop`, `length`, `content_filter`, `tool_calls`).
    public var finishReason: String?
    /// The tokens used, on the final usage chunk (or, on some servers, the last
    /// choice chunk).
    public var usage: OpenAIUsage?

    /// Creates a chunk.
    public init(id: String? = nil, content: String? = nil, finishReason: String? = nil, usage: OpenAIUsage? = nil) {
        self.id = id
        self.content = content
        self.finishReason = finishReason
        self.usage = usage
    }

    fileprivate mutating func readChoice(_ scanner: inout OpenAIJSONScanner, at range: Range<Int>)
        throws(WireFormatError)
    {
        guard scanner.kind(of: range) == ASCII.openBrace else {
            throw WireFormatError("a choice that is not an object")
        }
        var delta: Range<Int>?
        var finish: Range<Int>?
        try scanner.members(of: range) { key, value throws(WireFormatError) in
            if key.elementsEqual("delta".utf8) {
                delta = value
            } else if key.elementsEqual("finish_reason".utf8) {
                finish = value
            }
        }
        if let finish { finishReason = try scanner.string(at: finish) }
        guard let delta, scanner.kind(of: delta) == ASCII.openBrace else { return }
        var text: Range<Int>?
        try scanner.members(of: delta) { key, value throws(WireFormatError) in
            if key.elementsEqual("content".utf8) { text = value }
        }
        if let text { content = try scanner.string(at: text) }
    }
}

/// The token counts of a completion (`usage`).
public struct OpenAIUsage: Sendable, Equatable {
    /// Tokens of the prompt (every message sent).
    public var promptTokens: Int?
    /// Tokens of the reply.
    public var completionTokens: Int?
    /// Both together.
    public var totalTokens: Int?

    /// Creates counts.
    public init(promptTokens: Int? = nil, completionTokens: Int? = nil, totalTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.totalTokens = totalTokens
    }

    fileprivate init(scanning scanner: inout OpenAIJSONScanner, at range: Range<Int>) throws(WireFormatError) {
        self.init()
        var counts: [(String, Range<Int>)] = []
        try scanner.members(of: range) { key, value in
            counts.append((String(decoding: key, as: UTF8.self), value))
        }
        for (key, value) in counts {
            switch key {
            case "prompt_tokens": promptTokens = scanner.int(at: value)
            case "completion_tokens": completionTokens = scanner.int(at: value)
            case "total_tokens": totalTokens = scanner.int(at: value)
            default: break
            }
        }
    }
}
