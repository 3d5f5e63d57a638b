import AishKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Standard input, read with calls that return errors (a closed standard input or
/// a directory is an error, not a trap) and never past the message limit.
enum StandardInput {
    /// The whole of standard input as text, or `nil` when it is a terminal.
    static func readIfPiped() throws -> String? {
        guard isatty(0) == 0 else { return nil }
        return String(decoding: try readAll(), as: UTF8.self)
    }

    /// The whole of standard input, at most ``MessageInput/maximumBytes`` + 1 bytes.
    static func readAll() throws -> [UInt8] {
        try InputReader.read(fileDescriptor: 0, name: "standard input", limit: MessageInput.maximumBytes + 1)
    }
}
