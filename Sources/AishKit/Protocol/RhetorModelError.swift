/// Tekton's Rhetor v1 reports a failed model call as a *successful* reply whose whole
/// text is a Python dict: `{'type': 'error', 'ai_id': 'apollo-ci', 'error': '…'}`
/// (`message-model-error.http`, `stream-model-error.http`). Pure; no I/O.
public enum RhetorModelError {
    /// How such a reply begins.
    static let prefix = "{'type': 'error'"

    /// The model's error message if `text` is exactly such a dict, else `nil`.
    public static func message(in text: String) -> String? {
        let trimmed = Substring(text).drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace)
        let body = String(trimmed.reversed())
        guard body.hasPrefix(prefix), body.hasSuffix("}") else { return nil }
        guard let key = body.firstRange(of: "'error': ") else { return "the model failed without saying why" }
        var value = body[key.upperBound..<body.index(before: body.endIndex)]
        if let quote = value.first, quote == "'" || quote == "\"", value.count >= 2, value.last == quote {
            value = value.dropFirst().dropLast()
        }
        return value.isEmpty ? "the model failed without saying why" : "the model failed: \(value)"
    }

    /// Whether `text`, the start of a reply, may still turn out to be such a dict:
    /// a stream holds its text back until it knows.
    public static func mayBegin(_ text: String) -> Bool {
        let start = Substring(text).drop(while: \.isWhitespace)
        return start.count < prefix.count ? prefix.hasPrefix(start) : start.hasPrefix(prefix)
    }
}
