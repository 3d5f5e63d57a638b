import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Standard input, when it is piped rather than a terminal.
enum StandardInput {
    /// The whole of standard input, or `nil` when it is a terminal.
    static func readIfPiped() -> String? {
        guard isatty(0) == 0 else { return nil }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }
}
