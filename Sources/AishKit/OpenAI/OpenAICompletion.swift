import Foundation

/// A whole (non-streaming) chat completion:
/// `{"id", "choices": [{"message": {"role", "content", "reasoning_content"?}, "finish_reason"}], "usage"}`.
struct OpenAICompletion: Sendable, Equatable {
    var id: String?
    /// The first choice's text; `nil` when it had none (a null `content`).
    var content: String?
    /// A reasoning model's thinking (`reasoning_content` or `reasoning`), when it has some.
    var reasoning: String?
    var finishReason: String?
    var usage: OpenAIUsage?

    /// Reads a response body.
    ///
    /// - Throws: ``AishError/malformedResponse(url:detail:)`` when it is not a
    ///   completion, or ``AishError/specialistFailed(id:code:message:)`` when it is
    ///   an error body answered with status 200.
    init(json bytes: some Collection<UInt8>, url: String) throws {
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw AishError.malformedResponse(url: url, detail: OpenAICompletion.summary(of: error))
        }
        guard let choice = wire.choices.first else {
            throw AishError.malformedResponse(url: url, detail: "a completion without choices")
        }
        id = wire.id
        content = choice.message?.content
        reasoning = choice.message?.reasoning
        finishReason = choice.finish_reason
        usage = wire.usage.map {
            OpenAIUsage(
                promptTokens: $0.prompt_tokens, completionTokens: $0.completion_tokens, totalTokens: $0.total_tokens)
        }
    }

    private struct Wire: Decodable {
        var id: String?
        var choices: [Choice]
        var usage: Usage?
    }

    private struct Choice: Decodable {
        var message: Message?
        var finish_reason: String?
    }

    private struct Message: Decodable {
        var content: String?
        var reasoning: String?

        private enum CodingKeys: String, CodingKey {
            case content, reasoning
            case reasoningContent = "reasoning_content"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            content = try container.decodeIfPresent(String.self, forKey: .content)
            // Anything but a string (an object on a few servers) is no text.
            reasoning =
                (try? container.decodeIfPresent(String.self, forKey: .reasoningContent))
                ?? (try? container.decodeIfPresent(String.self, forKey: .reasoning))
        }
    }

    private struct Usage: Decodable {
        var prompt_tokens: Int?
        var completion_tokens: Int?
        var total_tokens: Int?
    }

    /// Where decoding failed and why, without the values involved.
    private static func summary(of error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "a completion without \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "unexpected type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted: "not valid JSON"
        @unknown default: "not a completion"
        }
    }
}
