import Foundation

/// Reads the recorded responses in Tests/Fixtures/rhetor-v1.
enum Fixtures {
    /// The body of recording `name` (without `.http`), as recorded.
    static func body(of name: String) throws -> Data {
        let raw = try Data(contentsOf: FixtureReplayServer.defaultDirectory.appendingPathComponent("\(name).http"))
        let separator = Data("\r\n\r\n".utf8)
        guard let range = raw.range(of: separator) else {
            throw FixtureReplayServer.FixtureError(file: name, reason: "no blank line after the head")
        }
        return raw[range.upperBound...]
    }
}
