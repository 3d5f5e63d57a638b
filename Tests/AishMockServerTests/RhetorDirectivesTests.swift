import Testing

@testable import AishMockServer

/// The markers a message carries to the Rhetor profile.
@Suite struct RhetorDirectivesTests {
    @Test func markersAreFoundAnywhereInTheMessage() {
        let plain = RhetorDirectives(message: "hello")
        #expect(!plain.modelError && !plain.noResponse && plain.tokens == nil)
        #expect(RhetorDirectives(message: "a [model-error] b").modelError)
        #expect(RhetorDirectives(message: "[no-response]").noResponse)
        #expect(RhetorDirectives(message: "write [tokens=5000] please").tokens == 5000)
    }

    @Test func malformedTokenCountsAreIgnoredAndHugeOnesCapped() {
        for message in ["[tokens=]", "[tokens=abc]", "[tokens=12", "[tokens=0]", "[tokens=-3]", "[tokens=4x]"] {
            #expect(RhetorDirectives(message: message).tokens == nil, "\(message)")
        }
        #expect(RhetorDirectives(message: "[tokens=99999999999]").tokens == RhetorDirectives.maxTokens)
    }
}
