#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a benchmark could not run; the message says what went wrong.
struct BenchError: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    /// A failed system call, with `errno`'s text.
    static func system(_ call: String, errno code: Int32 = errno) -> BenchError {
        BenchError("\(call) failed: \(String(cString: strerror(code)))")
    }
}
