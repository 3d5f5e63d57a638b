/// The one-line summary shown after a reply: tokens, time, speed, transport.
public enum StatusLine {
    /// For example `412 tokens · 1.84 s · 224 tok/s · first token 0.35 s · v2 SSE`.
    ///
    /// A v1 server sends no token counts, only pieces of text (Rhetor's are 50-code-point
    /// chunks), so over v1 the line leaves the count and the rate out rather than
    /// invent them: `1.84 s · first chunk 0.35 s · v1 SSE`.
    public static func describe(_ summary: ReplySummary) -> String {
        let countsTokens = summary.transport?.countsTokens ?? true
        var parts = countsTokens ? ["\(summary.tokens) tokens"] : []
        parts.append(seconds(summary.totalSeconds))
        if countsTokens, let rate = summary.tokensPerSecond { parts.append("\(Int(rate.rounded())) tok/s") }
        if summary.transport == .v1Stream, let first = summary.firstTokenSeconds {
            parts.append("first chunk \(seconds(first))")
        } else if countsTokens, let first = summary.firstTokenSeconds {
            parts.append("first token \(seconds(first))")
        }
        if let thought = summary.thinkingSeconds { parts.append("thought \(seconds(thought))") }
        if let transport = summary.transport { parts.append(transport.displayName) }
        return parts.joined(separator: " · ")
    }

    private static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
