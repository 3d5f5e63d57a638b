/// The one-line summary shown after a reply: tokens, time, speed, transport.
public enum StatusLine {
    /// For example `412 tokens · 1.84 s · 224 tok/s · first token 0.35 s · v2 SSE`.
    public static func describe(_ summary: ReplySummary) -> String {
        var parts = ["\(summary.tokens) tokens", seconds(summary.totalSeconds)]
        if let rate = summary.tokensPerSecond { parts.append("\(Int(rate.rounded())) tok/s") }
        if let first = summary.firstTokenSeconds { parts.append("first token \(seconds(first))") }
        if let transport = summary.transport { parts.append(transport.displayName) }
        return parts.joined(separator: " · ")
    }

    private static func seconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) s"
    }
}
