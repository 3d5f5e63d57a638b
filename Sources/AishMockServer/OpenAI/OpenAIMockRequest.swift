#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A validated `POST /v1/chat/completions` body.
struct OpenAIMockRequest: Sendable {
    /// The model id, as sent.
    let model: String
    /// The text of the last user message: what the reply answers.
    let message: String
    /// Words in every message, the mock's stand-in for prompt tokens.
    let promptTokens: Int
    /// Whether to stream.
    let stream: Bool
    /// The exact reply length in tokens (cut there, `finish_reason: length`), or nil.
    let maxTokens: Int?
    /// Whether the stream ends with a usage chunk (`stream_options.include_usage`).
    let includeUsage: Bool
    /// Whether the request had `stream_options` at all (the `refuse-stream-options` fault).
    var sentStreamOptions = false
    /// Whether the request had `max_tokens` (the `refuse-max-tokens` fault).
    var sentMaxTokens = false
    /// The system message, if the request has one.
    var system: String? = nil
    /// How many user and assistant messages came before the last user message.
    var earlierMessages = 0

    /// What the reply echoes: the last message, after what came with it
    /// (`(system: be brief; 2 earlier messages) hi`), so a client's test sees what it sent.
    var echoed: String {
        var context: [String] = []
        if let system { context.append("system: \(system)") }
        if earlierMessages > 0 {
            context.append("\(earlierMessages) earlier message\(earlierMessages == 1 ? "" : "s")")
        }
        return context.isEmpty ? message : "(\(context.joined(separator: "; "))) \(message)"
    }

    private struct Body: Decodable {
        struct Message: Decodable {
            let role: String
            let content: Content?
        }

        struct StreamOptions: Decodable {
            let include_usage: Bool?
        }

        let model: String?
        let messages: [Message]?
        let stream: Bool?
        let max_tokens: Int?
        let max_completion_tokens: Int?
        let temperature: Double?
        let stream_options: StreamOptions?
    }

    /// A message's content: a string, or an array of parts whose `text` parts count.
    private struct Content: Decodable {
        let text: String

        private struct Part: Decodable {
            let text: String?
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self.text = text
            } else {
                self.text = try container.decode([Part].self).compactMap(\.text).joined(separator: "\n")
            }
        }
    }

    /// Parses and validates a body; throws the 400 an OpenAI server would answer.
    static func parse(_ bytes: [UInt8], sizeLimit: Int) throws(OpenAIMockError) -> OpenAIMockRequest {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: Data(bytes))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .invalidRequest("'\(field)' has the wrong type.", param: field)
        } catch {
            throw .invalidRequest("The body is not valid JSON; send a JSON object with model and messages.")
        }
        guard let model = body.model, !model.isEmpty else {
            throw .invalidRequest("You must provide a model parameter.", param: "model")
        }
        guard let messages = body.messages, !messages.isEmpty else {
            throw .invalidRequest("'messages' must be a non-empty array.", param: "messages")
        }
        if let bad = messages.first(where: { !["system", "user", "assistant", "developer", "tool"].contains($0.role) })
        {
            throw .invalidRequest("'\(bad.role)' is not a valid role.", param: "messages.role")
        }
        guard let last = messages.last(where: { $0.role == "user" })?.content?.text,
            last.contains(where: { !$0.isWhitespace })
        else {
            throw .invalidRequest("The messages must end in a user message that is not empty.", param: "messages")
        }
        let size = messages.reduce(0) { $0 + ($1.content?.text.utf8.count ?? 0) }
        guard size <= sizeLimit else {
            throw OpenAIMockError(
                status: .badRequest, message: "The messages are longer than this model's limit of \(sizeLimit) bytes.",
                type: "invalid_request_error", param: "messages", code: "context_length_exceeded")
        }
        let maxTokens = body.max_tokens ?? body.max_completion_tokens
        if let maxTokens, !(1...StreamParameters.maxTokensLimit).contains(maxTokens) {
            throw .invalidRequest(
                "max_tokens must be from 1 to \(StreamParameters.maxTokensLimit), not \(maxTokens).",
                param: "max_tokens")
        }
        if let temperature = body.temperature, !(0...2).contains(temperature) {
            throw .invalidRequest("temperature must be from 0 to 2, not \(temperature).", param: "temperature")
        }
        let lastUser = messages.lastIndex(where: { $0.role == "user" }) ?? messages.endIndex
        var request = OpenAIMockRequest(
            model: model, message: last,
            promptTokens: messages.reduce(0) {
                $0 + ($1.content?.text.split(whereSeparator: \.isWhitespace).count ?? 0)
            },
            stream: body.stream ?? false, maxTokens: maxTokens,
            includeUsage: body.stream_options?.include_usage ?? false)
        request.system = messages.first { $0.role == "system" }?.content?.text
        request.sentStreamOptions = body.stream_options != nil
        request.sentMaxTokens = body.max_tokens != nil
        request.earlierMessages = messages[..<lastUser].filter { $0.role == "user" || $0.role == "assistant" }.count
        return request
    }
}
