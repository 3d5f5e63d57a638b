/// A payload from the server that does not follow the protocol.
///
/// The detail names what was wrong (and where), never the payload itself, which may
/// be message content.
public struct WireFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong.
    public var detail: String

    /// Creates an error.
    public init(_ detail: String) {
        self.detail = detail
    }

    /// Wraps a JSON syntax error found in the named kind of payload.
    init(_ error: FlatJSONError, in payload: String) {
        self.detail = "\(payload): \(error)"
    }

    /// The detail.
    public var description: String { detail }
}
