extension MessageInput {
    /// The text readable from `descriptor` (standard input), read with calls that
    /// return errors (a closed input or a directory is an error, not a trap) and
    /// never past the message limit, so that `yes | aish apollo hi` stops at once.
    ///
    /// Input that is not UTF-8 (a binary file, Latin-1 text) is refused, naming the
    /// first byte that is not: sent as it was, it became replacement characters that a
    /// model was asked (and a paid API charged) to read.
    ///
    /// - Throws: ``AishError/invalidArgument(name:value:hint:)`` when the input is
    ///   over the limit, cannot be read, or is not UTF-8.
    public static func read(descriptor: Int32 = 0, name: String = "standard input") throws(AishError) -> String {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(descriptor: descriptor, name: name, limit: maximumBytes)
        } catch .tooLarge {
            throw .invalidArgument(
                name: "message", value: "\(name), over \(maximumBytes) bytes",
                hint: "the server accepts at most \(maximumBytes) bytes (1 MiB); send a smaller input")
        } catch {
            throw .invalidArgument(
                name: name, value: error.reason, hint: "it cannot be read; pipe text in, or give the message as words")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let offset = firstInvalidUTF8(in: bytes)
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        throw .invalidArgument(
            name: name, value: "byte 0x\(byte.count == 1 ? "0" + byte : byte) at offset \(offset)",
            hint: "it is not UTF-8 text (binary data?); pipe text, or convert it first, such as "
                + "`iconv -f latin1 -t utf-8 FILE | aish …`")
    }

    /// The offset of the first byte of `bytes` that does not start a valid UTF-8 character.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }
}
