import Foundation

/// The body of `POST {base}/chat/completions`.
///
/// Optional fields are left out of the JSON when `nil`, so servers that reject
/// unknown or null fields accept it. A streaming request asks for the usage chunk
/// (`stream_options.include_usage`), which gives the tokens used, unless
/// ``asksForUsage`` is false (for a server that refuses the field).
public struct OpenAIChatRequest: Sendable, Equatable, Encodable {
    /// The model id, as the server lists it (`llama3.1`, not `local/llama3.1`).
    public var model: String
    /// The system message (if any), the earlier turns, then the new message.
    public var messages: [OpenAIChatMessage]
    /// Whether the reply streams as server-sent events.
    public var stream: Bool
    /// The most tokens the reply may have; the server stops there (`finish_reason: length`).
    public var maxTokens: Int?
    /// Sampling temperature, 0 to 2.
    public var temperature: Double?
    /// Whether a streamed request asks for the usage chunk (`stream_options`).
    public var asksForUsage = true
    /// Whether ``maxTokens`` goes as `max_completion_tokens` (OpenAI's reasoning
    /// models refuse `max_tokens`) rather than `max_tokens` (what every server knows).
    public var sendsMaxCompletionTokens = false

    /// Creates a request.
    public init(
        model: String, messages: [OpenAIChatMessage], stream: Bool = true, maxTokens: Int? = nil,
        temperature: Double? = nil
    ) {
        self.model = model
        self.messages = messages
        self.stream = stream
        self.maxTokens = maxTokens
        self.temperature = temperature
    }

    /// The request for `chat` sent to `model`: `system` first (when given and not
    /// blank), then `history`, then the new message; `chat`'s `max_tokens` and
    /// `temperature` carry over.
    public init(
        model: String, chat: ChatRequest, system: String? = nil, history: [OpenAIChatMessage] = [],
        stream: Bool = true
    ) {
        var messages: [OpenAIChatMessage] = []
        messages.reserveCapacity(history.count + 2)
        if let system, system.contains(where: { !$0.isWhitespace }) {
            messages.append(OpenAIChatMessage(role: .system, content: system))
        }
        messages += history
        messages.append(OpenAIChatMessage(role: .user, content: chat.message))
        self.init(
            model: model, messages: messages, stream: stream, maxTokens: chat.maxTokens,
            temperature: chat.temperature)
    }

    /// The JSON body, its keys sorted, written as ``encode(to:)`` writes it with
    /// `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) but without starting
    /// the encoder, whose first use cost a one-shot chat more than the request.
    public func jsonBytes() throws -> Data {
        var members: [FlatJSONObject.Member] = []
        if let maxTokens {
            let key = sendsMaxCompletionTokens ? "max_completion_tokens" : "max_tokens"
            members.append(.init(key: key, value: .number(Double(maxTokens))))
        }
        var list = "["
        for (index, message) in messages.enumerated() {
            if index > 0 { list += "," }
            list += JSONRPCText.object([
                .init(key: "content", value: .string(message.content)),
                .init(key: "role", value: .string(message.role.rawValue)),
            ])
        }
        members.append(.init(key: "messages", value: .nested(list + "]")))
        members.append(.init(key: "model", value: .string(model)))
        members.append(.init(key: "stream", value: .bool(stream)))
        if stream && asksForUsage {
            members.append(.init(key: "stream_options", value: .nested(#"{"include_usage":true}"#)))
        }
        if let temperature { members.append(.init(key: "temperature", value: .number(temperature))) }
        return Data(JSONRPCText.object(members).utf8)
    }

    private enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
        case streamOptions = "stream_options"
    }

    private struct StreamOptions: Encodable {
        var include_usage = true
    }

    /// Writes the members; `stream_options` only when streaming and ``asksForUsage``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(messages, forKey: .messages)
        try container.encode(stream, forKey: .stream)
        try container.encodeIfPresent(maxTokens, forKey: sendsMaxCompletionTokens ? .maxCompletionTokens : .maxTokens)
        try container.encodeIfPresent(temperature, forKey: .temperature)
        if stream && asksForUsage { try container.encode(StreamOptions(), forKey: .streamOptions) }
    }
}
