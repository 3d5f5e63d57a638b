import AishKit

#if canImport(Glibc)
    import Glibc
#endif

/// Standard input, when it is piped rather than a terminal.
enum StandardInput {
    /// The whole of standard input (at most the message limit), or `nil` when it is a terminal.
    static func readIfPiped() throws -> String? {
        guard isatty(0) == 0 else { return nil }
        return try MessageInput.read()
    }
}
