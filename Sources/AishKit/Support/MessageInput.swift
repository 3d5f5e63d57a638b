/// Builds the message to send from the command-line words and standard input.
///
/// The documented order: the words given as arguments come first (the
/// instruction), then a blank line, then whatever was piped on standard input (the
/// material). So `git diff | aish apollo "review this"` sends "review this", a blank
/// line, then the diff. Either part alone is the whole message.
public enum MessageInput {
    /// The protocol's limit on one message (PROTOCOL.md §8).
    public static let maximumBytes = 1 << 20

    /// Combines `arguments` and `standardInput` into one message.
    ///
    /// Throws ``AishError/emptyMessage`` when nothing but whitespace is left, and
    /// ``AishError/invalidArgument(name:value:hint:)`` when the message is over the
    /// size limit.
    public static func combine(arguments: [String], standardInput: String?) throws(AishError) -> String {
        let instruction = arguments.joined(separator: " ")
        let material = standardInput ?? ""
        let message: String
        switch (isBlank(instruction), isBlank(material)) {
        case (true, true): throw .emptyMessage
        case (false, true): message = instruction
        case (true, false): message = material
        case (false, false): message = instruction + "\n\n" + material
        }
        let size = message.utf8.count
        if size > maximumBytes {
            throw .invalidArgument(
                name: "message",
                value: "\(size) bytes",
                hint: "the server accepts at most \(maximumBytes) bytes (1 MiB); send a smaller input"
            )
        }
        return message
    }

    private static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }
}
