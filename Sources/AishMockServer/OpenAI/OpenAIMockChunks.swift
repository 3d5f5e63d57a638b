/// Writes the events of one OpenAI chat-completions stream, as real servers send
/// them: a role-only first delta, one chunk per token, the last choice chunk with
/// its `finish_reason`, the usage chunk with `"choices": []` when asked for, then
/// `data: [DONE]`.
///
/// Token chunks are written without building a ``JSONValue``: a 20,000-token
/// reply must encode in a few milliseconds.
struct OpenAIMockChunks: Sendable {
    /// Everything of a chunk before its choices: the same in every chunk.
    private let head: String

    /// The chunks of completion `id` from `model`.
    init(id: String, model: String, created: Int) {
        var head = "data: {\"id\":"
        JSONStringEscaper.write(id, to: &head, asciiOnly: false)
        head += ",\"object\":\"chat.completion.chunk\",\"created\":\(created),\"model\":"
        JSONStringEscaper.write(model, to: &head, asciiOnly: false)
        head += ",\"choices\":"
        self.head = head
    }

    /// The first chunk: the role, no content.
    func writeRole(to output: inout String) {
        output += head
        output += "[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}\n\n"
    }

    /// One token of the reply.
    func writeContent(_ text: String, to output: inout String) {
        output += head
        output += "[{\"index\":0,\"delta\":{\"content\":"
        JSONStringEscaper.write(text, to: &output, asciiOnly: false)
        output += "},\"finish_reason\":null}]}\n\n"
    }

    /// One token of the model's thinking, before the reply.
    func writeReasoning(_ text: String, to output: inout String) {
        output += head
        output += "[{\"index\":0,\"delta\":{\"reasoning_content\":"
        JSONStringEscaper.write(text, to: &output, asciiOnly: false)
        output += "},\"finish_reason\":null}]}\n\n"
    }

    /// The last choice chunk: an empty delta and why generation stopped.
    func writeFinish(_ reason: String, to output: inout String) {
        output += head
        output += "[{\"index\":0,\"delta\":{},\"finish_reason\":"
        JSONStringEscaper.write(reason, to: &output, asciiOnly: false)
        output += "}]}\n\n"
    }

    /// The usage chunk, with no choices.
    func writeUsage(_ usage: JSONValue, to output: inout String) {
        output += head
        output += "[],\"usage\":"
        usage.write(to: &output, style: .compact)
        output += "}\n\n"
    }

    /// The end of the stream.
    static let done = "data: [DONE]\n\n"

    /// A `usage` object.
    static func usage(prompt: Int, completion: Int) -> JSONValue {
        .object([
            "prompt_tokens": .int(prompt), "completion_tokens": .int(completion),
            "total_tokens": .int(prompt + completion),
        ])
    }
}
