/// Errors the mock server reports to whoever configures or runs it.
public struct MockServerError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case invalidFault(item: String, reason: String)
        case didNotStart
        case invalidRate(String)
        case unreadableTLSFile(path: String, reason: String)
    }

    private let kind: Kind

    /// A fault item that could not be parsed, with the reason.
    static func invalidFault(item: String, reason: String) -> MockServerError {
        MockServerError(kind: .invalidFault(item: item, reason: reason))
    }

    /// A request rate that is not `N/s`, `N/m`, `N/h` or `N/Ks`.
    static func invalidRate(_ text: String) -> MockServerError {
        MockServerError(kind: .invalidRate(text))
    }

    /// A TLS certificate or key that cannot be read.
    static func unreadableTLSFile(path: String, reason: String) -> MockServerError {
        MockServerError(kind: .unreadableTLSFile(path: path, reason: reason))
    }

    /// The server stopped before it started listening.
    static let didNotStart = MockServerError(kind: .didNotStart)

    /// A message a user can act on.
    public var description: String {
        switch kind {
        case .invalidFault(let item, let reason):
            return "invalid fault '\(item)': \(reason)"
        case .invalidRate(let text):
            return "invalid rate '\(text)': give requests per period, such as 60/m, 10/s or 5/2s"
        case .unreadableTLSFile(let path, let reason):
            return "cannot use the TLS file \(path): \(reason); give a PEM certificate and its PEM private key"
        case .didNotStart:
            return "the mock server stopped before it was listening"
        }
    }
}
