/// The words replies are made of. Every list is non-empty; `{…}` marks are
/// filled in by ``ReplyComposer``.
enum ReplyVocabulary {
    static let openings = [
        "Here is how I would approach it.",
        "Let me break this down.",
        "Short answer first, details after.",
        "Good question; there are a few moving parts.",
        "I looked at this from a few angles.",
    ]

    static let accents = [
        "A naïve café-style first pass",
        "The déjà vu of an earlier façade",
        "A résumé of the Zürich notes",
        "Our naïve coöperation model",
        "An über-simple señor-approved draft",
    ]

    static let accentEndings = [
        "misses the edge cases.",
        "is a fine starting point.",
        "needs one more iteration.",
        "already covers the happy path.",
    ]

    static let cjk = ["日本語", "中文", "한국어", "数据流", "設計書"]

    static let emoji = ["🚀", "✨", "🧭", "📦", "🔍", "✅"]

    static let subjects = [
        "the retry policy", "the event log", "the session cache", "the request queue",
        "the dependency graph", "the token budget", "the handshake", "the parser",
        "the scheduler", "the health check", "the context window", "the rate limiter",
    ]

    static let verbs = [
        "keeps", "bounds", "validates", "replays", "checkpoints", "throttles",
        "resolves", "summarises", "tracks", "isolates",
    ]

    static let objects = [
        "every partial result", "the slowest path", "stale entries", "each retry",
        "the last event id", "concurrent writers", "the backlog", "malformed input",
    ]

    static let qualifiers = [
        "without extra allocations", "under load", "across restarts", "in one pass",
        "before the deadline", "with a clear error", "even when the network drops",
    ]

    static let identifiers = [
        "maxRetries", "lastEventID", "tokenBudget", "retry_after", "session_id",
        "backoff()", "flush()", "X-Request-ID", "drainQueue", "context_window",
    ]

    static let labels = [
        "Scope", "Risk", "Next step", "Trade-off", "Evidence", "Owner", "Signal", "Budget",
    ]

    static let closings = [
        "Ping me if you want the long version",
        "That should be enough to get moving",
        "Happy to go deeper on any of these",
        "Let me know which part to expand",
    ]

    /// Code samples, as a language and its lines.
    static let snippets: [(language: String, lines: [String])] = [
        (
            "swift",
            [
                "let policy = RetryPolicy(maxRetries: {n})",
                "for attempt in 1...policy.maxRetries {",
                "    try await send(attempt: attempt)",
                "}",
            ]
        ),
        (
            "python",
            [
                "def plan(steps: int = {n}) -> list[str]:",
                "    return [f\"step {i}\" for i in range(steps)]",
            ]
        ),
        (
            "bash",
            [
                "aish {id} \"status\" --max-tokens {n}",
                "curl -s http://127.0.0.1:8003/api/capabilities | jq .features",
            ]
        ),
        (
            "json",
            [
                "{\"specialist\": \"{id}\", \"retries\": {n}, \"stream\": true}"
            ]
        ),
        (
            "yaml",
            [
                "specialist: {id}",
                "limits:",
                "  max_tokens: {n}",
                "  timeout: 30",
            ]
        ),
        (
            "diff",
            [
                "@@ -1,3 +1,3 @@",
                "-let retries = 3",
                "+let retries = {n}",
                " let specialist = \"{id}\"",
            ]
        ),
    ]

    /// States in the reply's table (CJK, so the table's widths count two cells each).
    static let states = ["稼働中", "待機", "完了", "検討中", "요청됨"]

    /// Where the reply's link points, after the host.
    static let linkTopics = ["retries", "streaming", "sessions", "discovery", "bulk-plans"]
}
