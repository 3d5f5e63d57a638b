import Foundation
import Testing

@testable import AishKit

/// How a request is asked again after a server refused one of its fields.
@Suite struct OpenAIRequestAdjustmentsTests {
    private static let azure = #"{"detail":"Extra parameters ['stream_options'] are not allowed."}"#
    private static let openAI =
        #"{"error":{"message":"Unsupported parameter: 'max_tokens' is not supported with this model. "#
        + #"Use 'max_completion_tokens' instead.","type":"invalid_request_error","param":"max_tokens","#
        + #""code":"unsupported_parameter"}}"#

    private let request = OpenAIChatRequest(
        model: "o3", chat: ChatRequest(specialistID: "openai/o3", message: "hi", maxTokens: 50))

    @Test func eachRefusalTeachesItsAdjustmentOnce() throws {
        let none = OpenAIRequestAdjustments()
        let usage = try #require(none.learning(from: Array(Self.azure.utf8), refusing: request))
        #expect(usage == OpenAIRequestAdjustments(omitsUsageOption: true))
        var adjusted = request
        usage.apply(to: &adjusted)
        let both = try #require(usage.learning(from: Array(Self.openAI.utf8), refusing: adjusted))
        #expect(both == OpenAIRequestAdjustments(omitsUsageOption: true, usesMaxCompletionTokens: true))
        both.apply(to: &adjusted)
        // Asked the adjusted way, the same refusals teach nothing more: the error stands.
        #expect(both.learning(from: Array(Self.azure.utf8), refusing: adjusted) == nil)
        #expect(both.learning(from: Array(Self.openAI.utf8), refusing: adjusted) == nil)
        let body = try #require(try JSONSerialization.jsonObject(with: adjusted.jsonBytes()) as? [String: Any])
        #expect(Set(body.keys) == ["model", "messages", "stream", "max_completion_tokens"])
        #expect(body["max_completion_tokens"] as? Int == 50)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        #expect(try encoder.encode(adjusted) == adjusted.jsonBytes())
    }

    @Test func aRefusalOfAnythingElseTeachesNothing() {
        let other = #"{"error":{"message":"temperature must be from 0 to 2, not 3.","param":"temperature"}}"#
        #expect(OpenAIRequestAdjustments().learning(from: Array(other.utf8), refusing: request) == nil)
        // Nothing to change where the field was not sent.
        var unlimited = request
        unlimited.maxTokens = nil
        unlimited.stream = false
        #expect(
            OpenAIRequestAdjustments().learning(from: Array((Self.azure + Self.openAI).utf8), refusing: unlimited)
                == nil)
    }
}
