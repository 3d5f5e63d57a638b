extension MessageInput {
    /// The text readable from `descriptor` (standard input), read with calls that
    /// return errors (a closed input or a directory is an error, not a trap) and
    /// never past the message limit, so that `yes | aish apollo hi` stops at once.
    ///
    /// - Throws: ``AishError/invalidArgument(name:value:hint:)`` when the input is
    ///   over the limit or cannot be read.
    public static func read(descriptor: Int32 = 0, name: String = "standard input") throws(AishError) -> String {
        do {
            let bytes = try BoundedFile.read(descriptor: descriptor, name: name, limit: maximumBytes)
            return String(decoding: bytes, as: UTF8.self)
        } catch .tooLarge {
            throw .invalidArgument(
                name: "message", value: "\(name), over \(maximumBytes) bytes",
                hint: "the server accepts at most \(maximumBytes) bytes (1 MiB); send a smaller input")
        } catch {
            throw .invalidArgument(
                name: name, value: error.reason, hint: "it cannot be read; pipe text in, or give the message as words")
        }
    }
}
