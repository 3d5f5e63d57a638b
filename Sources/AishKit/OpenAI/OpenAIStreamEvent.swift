/// One `data:` event of an OpenAI chat-completions stream, as real servers send it:
/// chunks `{"id", "choices": [{"delta": {"role"?, "content"?, "reasoning_content"?},
/// "finish_reason"}], "usage"?}`, an error `{"error": {"message", "type", "code"}}`,
/// or `[DONE]`.
///
/// A chunk's first delta may carry only the role, a delta's `content` may be null,
/// `finish_reason` comes on the last choice chunk, and the usage chunk has
/// `"choices": []`. Only the first choice is read (aish never asks for more).
/// Servers of reasoning models stream the thinking before the answer in the delta's
/// `reasoning_content` (DeepSeek, vLLM, llama.cpp, LM Studio) or `reasoning`
/// (Ollama, OpenRouter); both are read.
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

    /// Reads one event's data lent as bytes by an ``SSEDecoder``; `contentString` is
    /// where the text's string token lies in them (quotes included), when it is one.
    init(bytes: UnsafeBufferPointer<UInt8>, readingID: Bool, contentString: inout Range<Int>?)
        throws(WireFormatError)
    {
        self = try Self.read(bytes, readingID: readingID, contentString: &contentString)
    }

    private static let doneMarker = Array("[DONE]".utf8)

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, readingID: Bool = true) throws(WireFormatError)
        -> OpenAIStreamEvent
    {
        var contentString: Range<Int>?
        return try read(bytes, readingID: readingID, contentString: &contentString)
    }

    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>, readingID: Bool, contentString: inout Range<Int>?
    ) throws(WireFormatError) -> OpenAIStreamEvent {
        if bytes.count < 16, bytes.elementsEqual(doneMarker) { return .done }
        var scanner = JSONScanner(bytes)
        var chunk = OpenAIStreamChunk()
        var failure: OpenAIErrorBody?
        try scanner.readObject { scanner, key throws(WireFormatError) in
            if JSONScanner.key(key, is: "choices"), scanner.next == ASCII.openBracket {
                try scanner.readArray { scanner, index throws(WireFormatError) in
                    guard index == 0, scanner.next == ASCII.openBrace else { return try scanner.skipValue() }
                    try chunk.readChoice(&scanner, contentString: &contentString)
                }
            } else if readingID, JSONScanner.key(key, is: "id") {
                chunk.id = try scanner.readString()
            } else if JSONScanner.key(key, is: "usage"), scanner.next == ASCII.openBrace {
                chunk.usage = try OpenAIUsage(scanning: &scanner)
            } else if JSONScanner.key(key, is: "error") {
                failure = try OpenAIErrorBody(scanning: &scanner)
            } else {
                try scanner.skipValue()
            }
        }
        try scanner.finish()
        if let failure { return .error(failure) }
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
    /// The delta's reasoning (`reasoning_content` or `reasoning`), from a reasoning model.
    public var reasoning: String?
    /// Why generation stopped (`stop`, `length`, `content_filter`, `tool_calls`).
    public var finishReason: String?
    /// The tokens used, on the final usage chunk (or, on some servers, the last
    /// choice chunk).
    public var usage: OpenAIUsage?

    /// Creates a chunk.
    public init(
        id: String? = nil, content: String? = nil, reasoning: String? = nil, finishReason: String? = nil,
        usage: OpenAIUsage? = nil
    ) {
        self.id = id
        self.content = content
        self.reasoning = reasoning
        self.finishReason = finishReason
        self.usage = usage
    }

    /// Reads a choice object: its delta's `content` (and where its string lies), its
    /// reasoning, and its `finish_reason`.
    fileprivate mutating func readChoice(_ scanner: inout JSONScanner, contentString: inout Range<Int>?)
        throws(WireFormatError)
    {
        try scanner.readObject { scanner, key throws(WireFormatError) in
            if JSONScanner.key(key, is: "delta"), scanner.next == ASCII.openBrace {
                try scanner.readObject { scanner, key throws(WireFormatError) in
                    if JSONScanner.key(key, is: "content") {
                        let start = scanner.position
                        content = try scanner.readString()
                        contentString = content == nil ? nil : start..<scanner.position
                    } else if JSONScanner.key(key, is: "reasoning_content") || JSONScanner.key(key, is: "reasoning") {
                        // Null, or anything but a string (an object on a few servers), is no text.
                        if let text = try scanner.readString() { reasoning = (reasoning ?? "") + text }
                    } else {
                        try scanner.skipValue()
                    }
                }
            } else if JSONScanner.key(key, is: "finish_reason") {
                finishReason = try scanner.readString()
            } else {
                try scanner.skipValue()
            }
        }
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

    /// Reads a `usage` object.
    fileprivate init(scanning scanner: inout JSONScanner) throws(WireFormatError) {
        var counts = OpenAIUsage()
        try scanner.readObject { scanner, key throws(WireFormatError) in
            if JSONScanner.key(key, is: "prompt_tokens") {
                counts.promptTokens = try scanner.readInt()
            } else if JSONScanner.key(key, is: "completion_tokens") {
                counts.completionTokens = try scanner.readInt()
            } else if JSONScanner.key(key, is: "total_tokens") {
                counts.totalTokens = try scanner.readInt()
            } else {
                try scanner.skipValue()
            }
        }
        self = counts
    }
}
