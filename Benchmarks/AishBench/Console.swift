import AishKit

/// Unbuffered output, so progress shows while a long benchmark runs.
enum Console {
    /// Writes `text` and a newline to standard output.
    static func print(_ text: String) {
        try? FileDescriptorSink.standardOutput.write(text + "\n")
    }

    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        try? FileDescriptorSink.standardError.write(text + "\n")
    }
}
