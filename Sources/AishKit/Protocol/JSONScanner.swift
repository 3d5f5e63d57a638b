/// Reads JSON in one pass over the bytes, building only the values asked for: an
/// OpenAI stream chunk repeats `id`, `object`, `model` and `created` in every token's
/// event, a v2 `content` event its type and specialist, and only the text is worth a
/// `String`.
///
/// A cursor: ``readObject(_:)`` and ``readArray(_:)`` hand the scanner to a visitor
/// positioned at each value, which must consume exactly that value (read it,
/// descend into it, or ``skipValue()``). It checks the grammar of everything it
/// passes (strings, numbers, literals, nesting up to ``maxDepth``) and throws
/// ``WireFormatError`` at the first fault, so a malformed chunk is reported, never
/// half-read; it never traps on any input. Keys are compared byte for byte, so a
/// key written with escapes matches nothing.
struct JSONScanner {
    /// Deeper nesting is rejected, so hostile input cannot exhaust the stack.
    static let maxDepth = 64

    /// The text being read.
    let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// A scanner with its cursor at byte `position` of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) {
        self.bytes = bytes
        index = min(max(position, 0), bytes.count)
    }

    /// The cursor: the index of the next byte to read.
    var position: Int { index }

    /// The first byte of the value at the cursor: `{`, `[`, `"`, `n` for null, …
    var next: UInt8? {
        mutating get {
            skipWhitespace()
            return peek()
        }
    }

    /// Reads the object at the cursor, calling `visit` with each member's key and
    /// the scanner at its value.
    mutating func readObject(
        _ visit: (inout JSONScanner, _ key: UnsafeBufferPointer<UInt8>) throws(WireFormatError) -> Void
    ) throws(WireFormatError) {
        skipWhitespace()
        try expect(ASCII.openBrace, "expected '{'")
        skipWhitespace()
        if peek() == ASCII.closeBrace {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == ASCII.quote else { throw failure("expected a string key") }
            let keyStart = index + 1
            try skipString()
            let key = UnsafeBufferPointer(rebasing: bytes[keyStart..<(index - 1)])
            skipWhitespace()
            try expect(ASCII.colon, "expected ':'")
            skipWhitespace()
            try visit(&self, key)
            if try endOfMember(closer: ASCII.closeBrace) { return }
        }
    }

    /// Reads the array at the cursor, calling `visit` with each element's index and
    /// the scanner at the element.
    mutating func readArray(_ visit: (inout JSONScanner, _ index: Int) throws(WireFormatError) -> Void)
        throws(WireFormatError)
    {
        skipWhitespace()
        try expect(ASCII.openBracket, "expected '['")
        skipWhitespace()
        if peek() == ASCII.closeBracket {
            index += 1
            return
        }
        var element = 0
        while true {
            skipWhitespace()
            try visit(&self, element)
            element += 1
            if try endOfMember(closer: ASCII.closeBracket) { return }
        }
    }

    /// Skips the value at the cursor, checking it.
    mutating func skipValue() throws(WireFormatError) {
        skipWhitespace()
        try skipValue(depth: 1)
    }

    /// Throws unless only whitespace is left.
    mutating func finish() throws(WireFormatError) {
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected data after the object") }
    }

    /// Reads the string at the cursor, unescaped; `nil` (the value skipped) when it
    /// is null or not a string.
    mutating func readString() throws(WireFormatError) -> String? {
        guard next == ASCII.quote else {
            try skipValue()
            return nil
        }
        let start = index
        let escaped = try skipString()
        let content = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(index - 1)])
        if !escaped {
            guard UTF8Validation.isValid(content) else { throw failure("invalid UTF-8 in a string") }
            return String(decoding: content, as: UTF8.self)
        }
        // Escapes are rarer (a newline token, text a server escapes); the strict
        // parser unescapes them, in place.
        var parser = FlatJSONParser(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        do {
            return try parser.parseWholeString()
        } catch {
            throw WireFormatError(error, in: "a string")
        }
    }

    /// Reads the value at the cursor as a whole number, when it is one that fits
    /// `Int`; otherwise skips it and returns `nil`.
    mutating func readInt() throws(WireFormatError) -> Int? {
        guard let first = next, ASCII.isDigit(first) else {
            try skipValue()
            return nil
        }
        let start = index
        try skipNumber()
        guard index - start <= 18 else { return nil }
        var value = 0
        for position in start..<index {
            guard ASCII.isDigit(bytes[position]) else { return nil }
            value = value * 10 + Int(bytes[position] - ASCII.zero)
        }
        return value
    }

    /// Whether `key` is `name`, byte for byte.
    static func key(_ key: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
        ASCII.bytes(key, equal: name)
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

    /// Moves past the string at the cursor (from its opening quote) and returns whether
    /// it holds an escape. An escape's next byte is taken as is: the strict parser
    /// checks the escapes of any string that is read.
    @discardableResult
    private mutating func skipString() throws(WireFormatError) -> Bool {
        index += 1
        var escaped = false
        while index < bytes.count {
            // Eight bytes at a time while none of them is special.
            if index + 8 <= bytes.count, let base = bytes.baseAddress {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                guard let first = Self.firstSpecialStringByte(in: word) else {
                    index += 8
                    continue
                }
                index += first
            }
            let byte = bytes[index]
            index += 1
            if byte == ASCII.quote { return escaped }
            guard byte >= ASCII.space else { throw failure("control character in a string") }
            if byte == ASCII.backslash {
                escaped = true
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    /// The index of the first of the eight bytes of `word` (the first in its lowest
    /// bits) that a string treats specially: a quote, a backslash or a control
    /// character (below space); nil when there is none. Each test flags a byte when
    /// subtracting borrows into its top bit and the top bit was clear (the "has zero
    /// byte" and "has less than" tricks of Bit Twiddling Hacks); a borrow can only
    /// flag bytes after a true match of its own test, so the lowest flag is exact.
    @inline(__always)
    static func firstSpecialStringByte(in word: UInt64) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* UInt64(ASCII.quote))
        let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroBackslash = (backslashes &- ones) & ~backslashes
        let belowSpace = (word &- ones &* UInt64(ASCII.space)) & ~word
        let flags = (zeroQuote | zeroBackslash | belowSpace) & 0x8080_8080_8080_8080
        return flags == 0 ? nil : flags.trailingZeroBitCount / 8
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
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count,
            ASCII.bytes(UnsafeBufferPointer(rebasing: bytes[index..<(index + count)]), equal: literal)
        else { throw failure("invalid literal") }
        index += count
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
