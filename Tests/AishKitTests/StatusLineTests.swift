import AishKit
import Testing

/// The summary line after a reply.
@Suite struct StatusLineTests {
    private func summary(_ transport: TransportKind) -> ReplySummary {
        var summary = ReplySummary(specialist: "apollo-ci")
        summary.transport = transport
        summary.tokens = 5
        summary.firstTokenSeconds = 0.25
        summary.totalSeconds = 0.5
        return summary
    }

    @Test func countsTokensOnlyWhereTheServerSendsThem() {
        #expect(StatusLine.describe(summary(.sse)).hasPrefix("5 tokens · 0.50 s · "))
        #expect(StatusLine.describe(summary(.sse)).hasSuffix("first token 0.25 s · v2 SSE"))
        #expect(StatusLine.describe(summary(.v1Stream)) == "0.50 s · first chunk 0.25 s · v1 SSE")
        #expect(StatusLine.describe(summary(.v1Post)) == "0.50 s · v1 POST")
    }
}
