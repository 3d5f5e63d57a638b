/// How JSON text is spelled. Tekton answers in two dialects, both of which the
/// mock reproduces byte for byte.
struct JSONStyle: Sendable {
    /// Escape every non-ASCII code point as `\uXXXX` (surrogate pairs above U+FFFF).
    var asciiOnly: Bool
    /// Write `", "` and `": "` between items, as Python's `json.dumps` does.
    var spaced: Bool

    /// FastAPI's `JSONResponse`: no spaces, UTF-8 as is. Also the v2 dialect.
    static let compact = JSONStyle(asciiOnly: false, spaced: false)
    /// Python's `json.dumps` defaults, used by Rhetor's v1 stream events.
    static let python = JSONStyle(asciiOnly: true, spaced: true)
}
