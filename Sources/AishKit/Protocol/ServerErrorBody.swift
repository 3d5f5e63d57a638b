import Foundation

/// The error a server reported in a response body.
///
/// Reads PROTOCOL.md §8's `{"error": {"code", "message", "details"?}}` (`details` is
/// ignored), a bare `{"error": "…"}`, and FastAPI's `{"detail": "…"}` or
/// `{"detail": [{"msg": "…", …}]}` (what Tekton's Rhetor sends).
public struct ServerErrorBody: Sendable, Equatable {
    /// A machine-readable code such as `RATE_LIMITED`, when the server gave one.
    public var code: String?
    /// The server's explanation.
    public var message: String
    /// Seconds to wait before trying again (`error.retry_after` of a 429).
    public var retryAfter: Int?

    /// Creates an error body; the code and message lose any escape sequences and
    /// control characters (``TerminalText/sanitized(_:)``), as they come from a server.
    public init(code: String? = nil, message: String, retryAfter: Int? = nil) {
        self.code = code.map(TerminalText.sanitized)
        self.message = TerminalText.sanitized(message)
        self.retryAfter = retryAfter
    }

    /// Reads an error body; `nil` when the bytes are not JSON of a known shape.
    public init?(json bytes: some Collection<UInt8>) {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(bytes)) else { return nil }
        switch (envelope.error, envelope.detail) {
        case (.some(.structured(let code, let message, let retryAfter)), _):
            self.init(code: code, message: message ?? code ?? "no message", retryAfter: retryAfter)
        case (.some(.text(let message)), _):
            self.init(message: message)
        case (nil, .some(let detail)) where !detail.isEmpty:
            self.init(message: detail)
        default:
            return nil
        }
    }

    /// `"CODE: message"`, or just the message when there is no code.
    public var summary: String {
        guard let code, code != message else { return message }
        return "\(code): \(message)"
    }
}

private struct Envelope: Decodable {
    var error: ErrorValue?
    var detail: String?

    private enum CodingKeys: String, CodingKey { case error, detail }

    private struct ValidationItem: Decodable {
        var msg: String?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        error = try? container.decodeIfPresent(ErrorValue.self, forKey: .error)
        if let text = try? container.decodeIfPresent(String.self, forKey: .detail) {
            detail = text
        } else if let items = try? container.decodeIfPresent([ValidationItem].self, forKey: .detail) {
            detail = items.compactMap(\.msg).joined(separator: "; ")
        }
    }
}

private enum ErrorValue: Decodable {
    case structured(code: String?, message: String?, retryAfter: Int?)
    case text(String)

    private enum CodingKeys: String, CodingKey {
        case code, message
        case retryAfter = "retry_after"
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .text(text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code =
            (try? container.decodeIfPresent(String.self, forKey: .code))
            ?? (try? container.decodeIfPresent(Int.self, forKey: .code)).map { String($0) }
        self = .structured(
            code: code, message: try? container.decodeIfPresent(String.self, forKey: .message),
            retryAfter: try? container.decodeIfPresent(Int.self, forKey: .retryAfter))
    }
}
