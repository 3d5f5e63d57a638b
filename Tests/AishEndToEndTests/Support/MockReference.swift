import AsyncHTTPClient
import Foundation
import NIOCore

/// The mock's reply fetched by a path independent of aish's client (v1 POST with
/// a plain HTTP client), so tests compare aish's output with what the server says.
enum MockReference {
    static func reply(at url: String, specialist: String, message: String) async throws -> String {
        var request = HTTPClientRequest(url: "\(url)/api/v1/ai/specialists/\(specialist)/message")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = try JSONSerialization.data(withJSONObject: ["message": message])
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]
        guard let text = object?["response"] as? String else {
            throw ReferenceError(detail: "no response text for \(specialist)")
        }
        return text
    }

    /// The reply of the mock's model `model` to `message`, asked for whole from its
    /// OpenAI-compatible API, and the completion tokens its usage counts.
    static func modelReply(at url: String, model: String, message: String) async throws
        -> (text: String, completionTokens: Int, reasoning: String?)
    {
        var request = HTTPClientRequest(url: "\(url)/v1/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body = try JSONSerialization.data(withJSONObject: [
            "model": model, "messages": [["role": "user", "content": message]],
        ])
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        let object = try JSONSerialization.jsonObject(with: Data(buffer: bytes)) as? [String: Any]
        let choice = (object?["choices"] as? [[String: Any]])?.first
        guard let text = (choice?["message"] as? [String: Any])?["content"] as? String,
            let tokens = (object?["usage"] as? [String: Any])?["completion_tokens"] as? Int
        else { throw ReferenceError(detail: "no reply or usage from model \(model)") }
        return (text, tokens, (choice?["message"] as? [String: Any])?["reasoning_content"] as? String)
    }

    struct ReferenceError: Error { var detail: String }
}

extension MockReference {
    /// A mock reply that thinks inline (`[think-inline]`), taken apart as the server wrote
    /// it: the thinking between `<think>\n` and `\n</think>\n\n` (without the blanks at its
    /// ends, as aish shows it), and the answer after it.
    static func inlineThinking(in text: String) throws -> (thinking: String, answer: String) {
        let parts = text.split(separator: "\n</think>\n\n", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0].hasPrefix("<think>\n") else {
            throw ReferenceError(detail: "the reply does not begin with thinking: \(text.prefix(80))")
        }
        let thinking = parts[0].dropFirst("<think>\n".count).trimmingCharacters(in: .whitespacesAndNewlines)
        return (thinking, parts[1])
    }
}
