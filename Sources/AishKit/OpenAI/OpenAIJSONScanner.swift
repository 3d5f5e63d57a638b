/// Finds the members of JSON objects by name in a byte buffer, without building the
/// values it passes over: an OpenAI stream chunk repeats `id`, `object`, `model` and
/// `created` in every token's event, and only the delta's text is worth a `String`.
///
/// It checks the grammar of everything it skips (strings, numbers, literals,
/// nesting up to ``maxDepth``) and throws ``WireFormatError`` at the first fault, so
/// a malformed chunk is reported, never half-read; it never traps on any input.
/// Keys are compared byte for byte, so a key written with escapes matches nothing.
struct OpenAIJSONScanner {
    /// Deeper nesting is rejected, so hostile input cannot exhaust the stack.
    static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Calls `visit` with the key and value range of each member of the object whose
    /// value range is `range`; with `whole`, nothing but whitespace may follow it.
    mutating func members(
        of range: Range<Int>, whole: Bool = false,
        _ visit: (_ key: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) throws(WireFormatError) -> Void
    ) throws(WireFormatError) {
        index = range.lowerBound
        skipWhitespace()
        try expect(ASCII.openBrace, "expected '{'")
        skipWhitespace()
        if peek() == ASCII.closeBrace {
            index += 1
        } else {
            while true {
                skipWhitespace()
                guard peek() == ASCII.quote else { throw failure("expected a string key") }
                let keyStart = index + 1
                try skipString()
                let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<(index - 1)])
                skipWhitespace()
                try expect(ASCII.colon, "expected ':'")
                skipWhitespace()
                let valueStart = index
                try skipValue(depth: 1)
                let valueEnd = index
                try visit(key, valueStart..<valueEnd)
                index = valueEnd
                if try endOfMember(closer: ASCII.closeBrace) { break }
            }
        }
        guard whole else { return }
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected data after the object") }
    }

    /// The range of the first element of the array whose value range is `range`, or
    /// `nil` when the array is empty; the other elements are checked and skipped.
    mutating func firstElement(of range: Range<Int>) throws(WireFormatError) -> Range<Int>? {
        index = range.lowerBound
        try expect(ASCII.openBracket, "expected '['")
        skipWhitespace()
        if peek() == ASCII.closeBracket { return nil }
        var first: Range<Int>?
        while true {
            skipWhitespace()
            let start = index
            try skipValue(depth: 1)
            if first == nil { first = start..<index }
            if try endOfMember(closer: ASCII.closeBracket) { return first }
        }
    }

    /// The first byte of a value range: `{`, `[`, `"`, `n` for null, …
    func kind(of range: Range<Int>) -> UInt8? {
        range.isEmpty ? nil : bytes[range.lowerBound]
    }

    /// Whether the value at `range` is `null`.
    func isNull(_ range: Range<Int>) -> Bool {
        kind(of: range) == UInt8(ascii: "n")
    }

    /// The value at `range` as a whole number, when it is one that fits `Int`.
    func int(at range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var value = 0
        for position in range {
            guard ASCII.isDigit(bytes[position]) else { return nil }
            value = value * 10 + Int(bytes[position] - ASCII.zero)
        }
        return value
    }

    /// The string at `range`, unescaped; `nil` when the value is not a string.
    func string(at range: Range<Int>) throws(WireFormatError) -> String? {
        guard kind(of: range) == ASCII.quote, range.count >= 2 else { return nil }
        let content = UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if !content.contains(ASCII.backslash) {
            guard UTF8Validation.isValid(content) else { throw WireFormatError("invalid UTF-8 in a string") }
            return String(decoding: content, as: UTF8.self)
        }
        // Escapes are rarer (a newline token); the strict parser unescapes them.
        var wrapped: [UInt8] = Array("{\"s\":".utf8)
        wrapped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        wrapped.append(ASCII.closeBrace)
        do {
            return try FlatJSONObject(parsing: wrapped).string("s")
        } catch {
            throw WireFormatError(error, in: "a string")
        }
    }

    // MARK: - Skipping

    private mutating func skipValue(depth: Int) throws(WireFormatError) {
        switch peek() {
        case ASCII.quote:
            try skipString()
        case ASCII.openBrace, ASCII.openBracket:
            try skipContainer(depth: depth)
        case UInt8(ascii: "t"):
            try skipLiteral("true")
        case UInt8(ascii: "f"):
            try skipLiteral("false")
        case UInt8(ascii: "n"):
            try skipLiteral("null")
        case .some(let byte) where byte == ASCII.minus || ASCII.isDigit(byte):
            try skipNumber()
        case .some:
            throw failure("expected a value")
        case .none:
            throw failure("unexpected end of input")
        }
    }

    private mutating func skipContainer(depth: Int) throws(WireFormatError) {
        guard depth <= Self.maxDepth else { throw failure("nested too deeply") }
        let isObject = bytes[index] == ASCII.openBrace
        let closer = isObject ? ASCII.closeBrace : ASCII.closeBracket
        index += 1
        skipWhitespace()
        if peek() == closer {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            if isObject {
                guard peek() == ASCII.quote else { throw failure("expected a string key") }
                try skipString()
                skipWhitespace()
                try expect(ASCII.colon, "expected ':'")
                skipWhitespace()
            }
            try skipValue(depth: depth + 1)
            if try endOfMember(closer: closer) { return }
        }
    }

    /// Skips a string from its opening quote; an escape's next byte is taken as is,
    /// as the strict parser checks the escapes of any string that is read.
    private mutating func skipString() throws(WireFormatError) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == ASCII.quote { return }
            guard byte >= ASCII.space else { throw failure("control character in a string") }
            if byte == ASCII.backslash { index += 1 }
        }
        throw failure("unterminated string")
    }

    private mutating func skipNumber() throws(WireFormatError) {
        if peek() == ASCII.minus { index += 1 }
        guard let first = peek(), ASCII.isDigit(first) else { throw failure("expected a digit") }
        index += 1
        if first != ASCII.zero { skipDigits() }
        if peek() == ASCII.period {
            index += 1
            guard let byte = peek(), ASCII.isDigit(byte) else { throw failure("expected a digit after '.'") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == ASCII.plus || peek() == ASCII.minus { index += 1 }
            guard let byte = peek(), ASCII.isDigit(byte) else { throw failure("expected a digit in the exponent") }
            skipDigits()
        }
    }

    private mutating func skipDigits() {
        while let byte = peek(), ASCII.isDigit(byte) { index += 1 }
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(WireFormatError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        guard index + expected.count <= bytes.count,
            UnsafeBufferPointer(rebasing: bytes[index..<(index + expected.count)]).elementsEqual(expected)
        else { throw failure("invalid literal") }
        index += expected.count
    }

    /// Consumes the `,` or the closer after a member; returns whether it was the closer.
    private mutating func endOfMember(closer: UInt8) throws(WireFormatError) -> Bool {
        skipWhitespace()
        switch peek() {
        case ASCII.comma:
            index += 1
            return false
        case closer:
            index += 1
            return true
        default:
            throw failure(closer == ASCII.closeBrace ? "expected ',' or '}'" : "expected ',' or ']'")
        }
    }

    // MARK: - Bytes

    @inline(__always)
    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == ASCII.space || byte == ASCII.lineFeed || byte == ASCII.carriageReturn || byte == ASCII.tab
        {
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(WireFormatError) {
        guard peek() == byte else { throw failure(reason) }
        index += 1
    }

    private func failure(_ reason: String) -> WireFormatError {
        WireFormatError("invalid JSON at byte \(index): \(reason)")
    }
}
