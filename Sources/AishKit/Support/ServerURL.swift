import Foundation

/// A Tekton server's address as a user gives it (`--url`, `AISH_URL`, `url:`), checked:
/// an http or https scheme, a host, a port from 1 to 65535, no query or fragment.
///
/// Credentials in the address (`http://bob:secret@host:8003`) are taken out of
/// ``base`` and sent as HTTP Basic authentication (``basicAuthorization``), as curl
/// does; every description of the address shows the password as `***`.
public struct ServerURL: Sendable, Equatable {
    /// The address without credentials or a trailing slash (`http://127.0.0.1:8003`).
    public let base: String
    /// The user name of the address, percent-decoded, if it has one.
    public let user: String?
    /// The password, percent-decoded; never printed.
    let password: String?

    /// Parses `text`; `name` is what the error calls it (`--url`).
    ///
    /// - Throws: ``AishError/invalidArgument(name:value:hint:)`` naming the address
    ///   (its password redacted) and what to change.
    public init(parsing text: String, name: String = "--url") throws(AishError) {
        func bad(_ hint: String) -> AishError {
            .invalidArgument(name: name, value: Self.redacted(text), hint: hint)
        }
        var trimmed = text.trimmingWhitespace()
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let parts = Parts(trimmed) else { throw bad(Self.schemeHint(for: trimmed)) }
        if parts.hostPort.hasPrefix("["), !parts.hostPort.contains("]") {
            throw bad("the IPv6 address has no closing ']'; write it in brackets, such as http://[::1]:8003")
        }
        let (host, port) = parts.hostAndPort
        guard !host.isEmpty else { throw bad("the address names no host; give one, such as http://127.0.0.1:8003") }
        if let port {
            guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber) else {
                throw bad("the port '\(port)' is not a number; give one from 1 to 65535, such as :8003")
            }
            guard port.count <= 5, let number = Int(port), (1...65_535).contains(number) else {
                throw bad("the port \(port) is out of range; a port is from 1 to 65535, such as :8003")
            }
        }
        let base = "\(parts.scheme)://\(parts.hostPort)\(parts.rest)"
        guard let url = URL(string: base), url.host?.isEmpty == false else {
            throw bad("it is not a valid URL; give the server's address, such as http://127.0.0.1:8003")
        }
        guard url.query == nil, url.fragment == nil else {
            throw bad("drop the ?… or #… part; give only the server's address, with a path prefix if it has one")
        }
        self.base = base
        self.user = parts.userInfo.map { Self.decoded($0.user) }
        self.password = parts.userInfo?.password.map(Self.decoded)
    }

    /// What to write instead of `text`, which has no http:// or https://: with the scheme
    /// added when it reads as a host (`localhost:8003`), with http for ws (aish opens
    /// its WebSockets itself).
    static func schemeHint(for text: String) -> String {
        let general = "give the server's http:// or https:// address, such as http://127.0.0.1:8003"
        if let schemeEnd = text.range(of: "://") {
            let scheme = text[..<schemeEnd.lowerBound].lowercased()
            let rest = text[schemeEnd.upperBound...]
            guard scheme == "ws" || scheme == "wss", !rest.isEmpty else { return general }
            let web = scheme == "ws" ? "http" : "https"
            return "aish opens WebSockets itself from the server's \(web):// address; "
                + "give \(web)://\(redacted(String(rest)))"
        }
        guard let shown = withHTTP(text) else { return general }
        return "it has no http:// or https://; give \(shown) (https:// if the server has TLS)"
    }

    /// `text` with `http://` in front (its password hidden), when it has no scheme and
    /// reads as a host, as curl takes `localhost:8003`; nil otherwise.
    static func withHTTP(_ text: String) -> String? {
        guard !text.contains("://"), let first = text.first, first.isLetter || first.isNumber || first == "[",
            !text.contains(where: \.isWhitespace)
        else { return nil }
        return redacted("http://" + text)
    }

    /// The `Authorization` header value for the address's credentials
    /// (`Basic base64(user:password)`), or nil when it has none.
    public var basicAuthorization: String? {
        guard let user else { return nil }
        return "Basic " + Data("\(user):\(password ?? "")".utf8).base64EncodedString()
    }

    /// `text` with the password of a URL in it replaced by `***`
    /// (`http://bob:***@host:9`, or `bob:***@host:9` without a scheme); anything else as it is.
    public static func redacted(_ text: String) -> String {
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        let authorityEnd = text[start...].firstIndex(where: { "/?#".contains($0) }) ?? text.endIndex
        let authority = text[start..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return text
        }
        return String(text[..<authority.index(after: colon)]) + "***" + String(text[at...])
    }

    private static func decoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}

extension ServerURL: CustomStringConvertible, CustomReflectable {
    /// The address with its user and `***` for the password, if it has credentials.
    public var description: String {
        guard let user else { return base }
        let scheme = base.prefix(while: { $0 != ":" })
        let rest = base.dropFirst(scheme.count + 3)
        return "\(scheme)://\(user)\(password == nil ? "" : ":***")@\(rest)"
    }

    /// Shows only the redacted address, so `dump` cannot reveal the password.
    public var customMirror: Mirror { Mirror(self, children: ["url": description]) }
}

/// The pieces of `scheme://[user[:password]@]host[:port][/path]`, as written.
private struct Parts {
    var scheme: String
    var userInfo: (user: Substring, password: Substring?)?
    var hostPort: Substring
    var rest: Substring

    init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        let scheme = String(text[..<schemeEnd.lowerBound])
        guard ["http", "https"].contains(scheme.lowercased()) else { return nil }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { "/?#".contains($0) }) ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        self.scheme = scheme
        self.rest = afterScheme[authorityEnd...]
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            if let colon = info.firstIndex(of: ":") {
                userInfo = (info[..<colon], info[info.index(after: colon)...])
            } else {
                userInfo = (info, nil)
            }
            hostPort = authority[authority.index(after: at)...]
        } else {
            userInfo = nil
            hostPort = authority
        }
    }

    /// The host (brackets kept for IPv6) and the text after its `:`, if any.
    var hostAndPort: (host: Substring, port: Substring?) {
        let hostEnd: Substring.Index
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            hostEnd = hostPort.index(after: close)
        } else {
            hostEnd = hostPort.firstIndex(of: ":") ?? hostPort.endIndex
        }
        let host = hostPort[..<hostEnd]
        guard hostEnd < hostPort.endIndex else { return (host, nil) }
        guard hostPort[hostEnd] == ":" else { return (host, hostPort[hostEnd...]) }
        return (host, hostPort[hostPort.index(after: hostEnd)...])
    }
}
