import Hummingbird
import NIOCore

/// Who a request comes from, and whether it may come in (PROTOCOL.md §8).
struct Credentials: Sendable {
    /// The accepted tokens; empty means the server is open.
    let tokens: [String]

    /// Whether tokens are required at all.
    var required: Bool { !tokens.isEmpty }

    /// Whether `token` is one of the accepted ones. Compares every byte of every
    /// token, so the time taken says nothing about how much of a guess was right.
    func accepts(_ token: String) -> Bool {
        guard required else { return true }
        var matched = false
        for candidate in tokens where Self.constantTimeEqual(Array(candidate.utf8), Array(token.utf8)) {
            matched = true
        }
        return matched
    }

    /// The bearer token of `request`'s `Authorization` header, if it has one.
    static func bearerToken(of request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingSpaces
        return token.isEmpty ? nil : token
    }

    /// The key limits are counted under: the token's hash when the request has
    /// one (never the token itself), else the peer's address.
    static func clientKey(request: Request, channel: any Channel) -> String {
        owner(of: request) ?? "peer:\(channel.remoteAddress?.ipAddress ?? "unknown")"
    }

    /// Whose a stream is: a hash of the bearer token that started it (never the token
    /// itself), or nil when it came without one.
    static func owner(of request: Request) -> String? {
        bearerToken(of: request).map(owner(token:))
    }

    /// The owner key of `token`.
    static func owner(token: String) -> String {
        var hash = StableHash()
        hash.combine(token)
        return "token:\(hash.value)"
    }

    /// Whether `path` needs a token when the server has some: every v2 route
    /// (and the design's `/api/ai/` aliases) and the WebSockets.
    static func isProtected(_ path: String) -> Bool {
        path.hasPrefix("/api/v2/") || path.hasPrefix("/api/ai/") || path.hasPrefix("/ws/")
    }

    private static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        var difference = UInt8(left.count == right.count ? 0 : 1)
        for index in 0..<max(left.count, right.count) {
            let a = index < left.count ? left[index] : 0
            let b = index < right.count ? right[index] : 0
            difference |= a ^ b
        }
        return difference == 0
    }
}
