/// The scanner behind ``FlatJSONObject``: a recursive-descent JSON reader over a
/// byte buffer that builds values only for the top-level members.
struct FlatJSONParser {
    /// Deeper nesting than this is rejected, so hostile input cannot exhaust the stack.
    static let maxDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// Reused for strings that contain escapes.
    private var scratch: [UInt8] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Reads `bytes` as exactly one JSON string, quotes included, unescaped.
    mutating func parseWholeString() throws(FlatJSONError) -> String {
        guard peek() == ASCII.quote else { throw failure("expected a string") }
        let string = try parseString()
        guard index == bytes.count else { throw failure("unexpected data after the string") }
        return string
    }

    mutating func parseObject() throws(FlatJSONError) -> [FlatJSONObject.Member] {
        skipWhitespace()
        let members = try parseMembers(depth: 1)
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected data after the object") }
        return members
    }

    /// Reads `bytes` as exactly one JSON array (a JSON-RPC batch) in one pass: each
    /// element's members when it is an object, nil when it is another value (checked
    /// all the same). The array counts as one level of nesting, as it does in an object.
    mutating func parseArrayOfObjects() throws(FlatJSONError) -> [[FlatJSONObject.Member]?] {
        skipWhitespace()
        try expect(ASCII.openBracket, "expected '['")
        var elements: [[FlatJSONObject.Member]?] = []
        skipWhitespace()
        if peek() == ASCII.closeBracket {
            index += 1
        } else {
            while true {
                skipWhitespace()
                if peek() == ASCII.openBrace {
                    elements.append(try parseMembers(depth: 3))
                } else {
                    try skipValue(depth: 1)
                    elements.append(nil)
                }
                if try endOfMember(closer: ASCII.closeBracket) { break }
            }
        }
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected data after the array") }
        return elements
    }

    /// The members of the object at the cursor; its nested values are checked as
    /// containers at `depth`.
    private mutating func parseMembers(depth: Int) throws(FlatJSONError) -> [FlatJSONObject.Member] {
        try expect(ASCII.openBrace, "expected '{'")
        var members: [FlatJSONObject.Member] = []
        members.reserveCapacity(4)  // stream events have three or four members
        skipWhitespace()
        if peek() == ASCII.closeBrace {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard peek() == ASCII.quote else { throw failure("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            try expect(ASCII.colon, "expected ':'")
            skipWhitespace()
            members.append(FlatJSONObject.Member(key: key, value: try parseValue(depth: depth)))
            if try endOfMember(closer: ASCII.closeBrace) { return members }
        }
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int = 1) throws(FlatJSONError) -> FlatJSONObject.Value {
        switch peek() {
        case ASCII.quote:
            return .string(try parseString())
        case ASCII.openBrace, ASCII.openBracket:
            let start = index
            try skipContainer(depth: depth)
            return .nested(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case .some(let byte) where byte == ASCII.minus || ASCII.isDigit(byte):
            return .number(try parseNumber())
        case .some:
            throw failure("expected a value")
        case .none:
            throw failure("unexpected end of input")
        }
    }

    /// Validates one value without building it.
    private mutating func skipValue(depth: Int) throws(FlatJSONError) {
        switch peek() {
        case ASCII.quote: _ = try parseString()
        case ASCII.openBrace, ASCII.openBracket: try skipContainer(depth: depth + 1)
        default: _ = try parseValue()
        }
    }

    private mutating func skipContainer(depth: Int) throws(FlatJSONError) {
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
                _ = try parseString()
                skipWhitespace()
                try expect(ASCII.colon, "expected ':'")
                skipWhitespace()
            }
            try skipValue(depth: depth)
            if try endOfMember(closer: closer) { return }
        }
    }

    /// Consumes the `,` or the closer after a member; returns whether it was the closer.
    private mutating func endOfMember(closer: UInt8) throws(FlatJSONError) -> Bool {
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

    private mutating func parseNumber() throws(FlatJSONError) -> Double {
        let start = index
        if peek() == ASCII.minus { index += 1 }
        switch peek() {
        case ASCII.zero:
            index += 1
        case .some(let byte) where ASCII.isDigit(byte):
            skipDigits()
        default:
            throw failure("expected a digit")
        }
        var isInteger = true
        if peek() == ASCII.period {
            isInteger = false
            index += 1
            guard let byte = peek(), ASCII.isDigit(byte) else { throw failure("expected a digit after '.'") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek() == ASCII.plus || peek() == ASCII.minus { index += 1 }
            guard let byte = peek(), ASCII.isDigit(byte) else { throw failure("expected a digit in the exponent") }
            skipDigits()
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
        // Small integers (token counts, sequence numbers) skip the string round trip.
        if isInteger, text.count <= 16 {
            var value = 0
            for byte in text where byte != ASCII.minus { value = value * 10 + Int(byte - ASCII.zero) }
            return Double(text.first == ASCII.minus ? -value : value)
        }
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            throw FlatJSONError(offset: start, reason: "number out of range")
        }
        return value
    }

    private mutating func skipDigits() {
        while let byte = peek(), ASCII.isDigit(byte) { index += 1 }
    }

    // MARK: - Strings

    /// Reads a string starting at its opening quote.
    private mutating func parseString() throws(FlatJSONError) -> String {
        index += 1
        let start = index
        var allBits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                let content = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // ASCII needs no validation; most keys and tokens are ASCII.
                return allBits < 0x80 ? String(decoding: content, as: UTF8.self) : try makeString(content, at: start)
            }
            allBits |= byte
            if byte == ASCII.backslash { return try parseEscapedString(from: start) }
            guard byte >= ASCII.space else { throw failure("control character in a string") }
            index += 1
        }
        throw failure("unterminated string")
    }

    /// Continues a string at its first backslash, collecting its bytes in `scratch`.
    private mutating func parseEscapedString(from start: Int) throws(FlatJSONError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote {
                index += 1
                let collected = scratch
                return try collected.withUnsafeBufferPointer { buffer throws(FlatJSONError) in
                    try makeString(buffer, at: start)
                }
            }
            guard byte >= ASCII.space else { throw failure("control character in a string") }
            index += 1
            guard byte == ASCII.backslash else {
                scratch.append(byte)
                continue
            }
            guard let escaped = peek() else { break }
            index += 1
            switch escaped {
            case ASCII.quote, ASCII.backslash, ASCII.slash: scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(ASCII.lineFeed)
            case UInt8(ascii: "r"): scratch.append(ASCII.carriageReturn)
            case UInt8(ascii: "t"): scratch.append(ASCII.tab)
            case UInt8(ascii: "u"): appendUTF8(try parseUnicodeEscape())
            default:
                index -= 1
                throw failure("invalid escape")
            }
        }
        throw failure("unterminated string")
    }

    /// Reads the code point of a `\uXXXX` escape (after the `u`), joining a surrogate
    /// pair written as two escapes.
    private mutating func parseUnicodeEscape() throws(FlatJSONError) -> Unicode.Scalar {
        let unit = try parseHex4()
        switch unit {
        case 0xD800...0xDBFF:
            // A high surrogate: only a following `\uDC00`–`\uDFFF` completes it.
            let resume = index
            if peek() == ASCII.backslash, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try parseHex4()
                if (0xDC00...0xDFFF).contains(low) {
                    let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    return Unicode.Scalar(value) ?? "\u{FFFD}"
                }
                index = resume  // the second escape stands on its own
            }
            return "\u{FFFD}"
        case 0xDC00...0xDFFF:
            return "\u{FFFD}"
        default:
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
    }

    private mutating func parseHex4() throws(FlatJSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = ASCII.hexValue(bytes[index]) else { throw failure("invalid hex digit in \\u escape") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        UTF8.encode(scalar) { scratch.append($0) }
    }

    private func makeString(_ content: UnsafeBufferPointer<UInt8>, at start: Int) throws(FlatJSONError) -> String {
        guard UTF8Validation.isValid(content) else {
            throw FlatJSONError(offset: start, reason: "invalid UTF-8 in a string")
        }
        return String(decoding: content, as: UTF8.self)
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

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(FlatJSONError) {
        guard peek() == byte else { throw failure(reason) }
        index += 1
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(FlatJSONError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count,
            ASCII.bytes(UnsafeBufferPointer(rebasing: bytes[index..<(index + count)]), equal: literal)
        else { throw failure("invalid literal") }
        index += count
    }

    private func failure(_ reason: String) -> FlatJSONError {
        FlatJSONError(offset: index, reason: reason)
    }
}
