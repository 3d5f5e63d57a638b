import Foundation

/// The `--json` form of a reply: one object, printed at the end.
///
/// `{"specialist", "content", "reasoning"?, "tokens", "transport", "request_id", "finish_reason",
/// "completed", "timings": {"first_token_ms", "thinking_ms"?, "total_ms"}, "error"?: {"code", "message", "exit_code"}}`;
/// `reasoning` is a reasoning model's thinking, when it streamed some; `tokens` is
/// absent over v1, which sends pieces of text and counts no tokens.
public struct ReplyJSON: Encodable {
    struct Timings: Encodable {
        var firstTokenMs: Double?
        var thinkingMs: Double?
        var totalMs: Double
    }

    var specialist: String
    var content: String
    var reasoning: String?
    var tokens: Int?
    var transport: String?
    var requestId: String?
    var finishReason: String?
    var completed: Bool
    var timings: Timings
    var error: ErrorJSON.Failure?

    public init(_ summary: ReplySummary, error: (any Error)?) {
        specialist = summary.specialist
        content = summary.content
        reasoning = summary.reasoning.isEmpty ? nil : summary.reasoning
        tokens = summary.transport?.countsTokens ?? true ? summary.tokens : nil
        transport = summary.transport?.rawValue
        requestId = summary.requestID
        finishReason = summary.finishReason
        completed = summary.completed
        timings = Timings(
            firstTokenMs: summary.firstTokenSeconds.map { ($0 * 1000).rounded() },
            thinkingMs: summary.thinkingSeconds.map { ($0 * 1000).rounded() },
            totalMs: (summary.totalSeconds * 1000).rounded()
        )
        self.error = error.map(ErrorJSON.failure)
    }

    public func encoded() -> String { ErrorJSON.line(self) }
}
