/// Errors the mock server reports to whoever configures or runs it.
public struct MockServerError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable {
        case invalidFault(item: String, reason: String)
        case didNotStart
    }

    private let kind: Kind

    /// A fault item that could not be parsed, with the reason.
    static func invalidFault(item: String, reason: String) -> MockServerError {
        MockServerError(kind: .invalidFault(item: item, reason: reason))
    }

    /// The server stopped before it started listening.
    static let didNotStart = MockServerError(kind: .didNotStart)

    /// A message a user can act on.
    public var description: String {
        switch kind {
        case .invalidFault(let item, let reason):
            return "invalid fault '\(item)': \(reason)"
        case .didNotStart:
            return "the mock server stopped before it was listening"
        }
    }
}
