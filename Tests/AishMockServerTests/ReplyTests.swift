import Foundation
import Testing

@testable import AishMockServer

@Suite struct ReplyTests {
    let apollo = Roster.specialist("apollo")

    @Test func sameRequestSameText() throws {
        let apollo = try #require(apollo)
        let first = Reply(specialist: apollo, message: "Explain the retry policy", maxTokens: nil).text
        let second = Reply(specialist: apollo, message: "Explain the retry policy", maxTokens: nil).text
        let other = Reply(specialist: apollo, message: "Explain the retry policy!", maxTokens: nil).text
        #expect(first == second)
        #expect(first != other)
    }

    @Test func hashIsStableAcrossProcesses() {
        var hash = StableHash()
        hash.combine("a")
        #expect(hash.value == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func naturalLengthIsBetween60And300Tokens() {
        for specialist in Roster.all {
            for message in [
                "hi", "Explain the retry policy — naïve café 日本語 🚀", String(repeating: "long words ", count: 300),
            ] {
                let count = Reply(specialist: specialist, message: message, maxTokens: nil).tokens().reduce(0) { n, _ in
                    n + 1
                }
                #expect((60...300).contains(count), "\(specialist.id): \(count) tokens")
            }
        }
    }

    @Test func replyIsMarkdownWithNonASCIIAndTheRole() throws {
        let apollo = try #require(apollo)
        let text = Reply(specialist: apollo, message: "How do I cache results?", maxTokens: nil).text
        #expect(text.hasPrefix("## Apollo"))
        #expect(text.contains("\n- **"))
        #expect(text.contains("`"))
        #expect(text.contains("\n```") && text.range(of: #"```[a-z]+\n"#, options: .regularExpression) != nil)
        #expect(text.contains("local attention and prediction system"))
        #expect(text.unicodeScalars.contains { $0.value > 0x7F && $0.value < 0x3000 })
        #expect(
            text.unicodeScalars.contains {
                (0x3040...0xD7AF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value)
            })
        #expect(text.unicodeScalars.contains { $0.value > 0xFFFF })
    }

    @Test func maxTokensIsExactAndExtendsTheNaturalReply() throws {
        let apollo = try #require(apollo)
        let natural = Reply(specialist: apollo, message: "m", maxTokens: nil).text
        let long = Reply(specialist: apollo, message: "m", maxTokens: 1_000)
        #expect(long.tokens().reduce(0) { n, _ in n + 1 } == 1_000)
        #expect(long.text.hasPrefix(natural))
        #expect(long.finishReason == "length")
    }

    @Test func halfAMillionTokensAreProducedLazily() throws {
        let apollo = try #require(apollo)
        var count = 0
        var bytes = 0
        for token in Reply(specialist: apollo, message: "big", maxTokens: 500_000).tokens() {
            count += 1
            bytes += token.utf8.count
        }
        #expect(count == 500_000)
        #expect(bytes > 500_000)
    }

    @Test func tokensAreWordsWithLeadingSpacesOrNewlines() {
        #expect(ReplyTokens.split("## Hi  there\n\n  code x") == ["##", " Hi", "  there", "\n", "\n", "  code", " x"])
    }
}
