/// The JSON reader for plan files (RFC 8259), strict where a plan's author needs to
/// hear about it: every failure carries the byte offset it was found at, so a plan
/// error can give a line and column.
///
/// Stricter than Foundation's decoder: a key given twice in one object is an error
/// (rather than one of the values being kept silently), and so is a `\u` escape
/// that is half a surrogate pair. Nesting is limited to ``maxDepth`` and the work
/// is linear in the input.
struct BulkJSONParser {
    /// A problem at byte `offset`; `reason` reads after "not valid JSON: " when
    /// `isSyntax`, else on its own.
    struct Failure: Error, Equatable {
        var offset: Int
        var reason: String
        var isSyntax = true
    }

    /// Deeper nesting than this is rejected, so hostile input cannot exhaust the stack.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    /// The value `bytes` hold (UTF-8 JSON, whitespace around it allowed).
    static func parse(_ bytes: [UInt8]) throws(Failure) -> BulkJSONValue {
        var parser = BulkJSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.failure("unexpected data after the plan") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func parseValue(depth: Int) throws(Failure) -> BulkJSONValue {
        switch peek() {
        case ASCII.quote: return .string(try parseString())
        case ASCII.openBrace: return try parseObject(depth: depth + 1)
        case ASCII.openBracket: return try parseArray(depth: depth + 1)
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case .some(let byte) where byte == ASCII.minus || ASCII.isDigit(byte): return .number(try parseNumber())
        case .some: throw failure("expected a value")
        case .none: throw failure("unexpected end of input")
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> BulkJSONValue {
        guard depth <= Self.maxDepth else { throw failure("nested too deeply") }
        index += 1
        var members: [String: BulkJSONValue] = [:]
        var keyOffsets: [String: Int] = [:]
        skipWhitespace()
        if peek() == ASCII.closeBrace {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == ASCII.quote else { throw failure("expected a string key") }
            let keyOffset = index
            let key = try parseString()
            if let first = keyOffsets[key] {
                let position = TextPosition(offset: first, in: bytes)
                throw Failure(
                    offset: keyOffset,
                    reason: "the key \"\(key)\" is given twice in one object (first at \(position)); keep one",
                    isSyntax: false)
            }
            keyOffsets[key] = keyOffset
            skipWhitespace()
            try expect(ASCII.colon, "expected ':'")
            skipWhitespace()
            members[key] = try parseValue(depth: depth)
            if try endOfMember(closer: ASCII.closeBrace, "expected ',' or '}'") { return .object(members) }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> BulkJSONValue {
        guard depth <= Self.maxDepth else { throw failure("nested too deeply") }
        index += 1
        var items: [BulkJSONValue] = []
        skipWhitespace()
        if peek() == ASCII.closeBracket {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            if try endOfMember(closer: ASCII.closeBracket, "expected ',' or ']'") { return .array(items) }
        }
    }

    /// After a member: true at the closer (consumed), false after a comma.
    private mutating func endOfMember(closer: UInt8, _ reason: String) throws(Failure) -> Bool {
        skipWhitespace()
        switch peek() {
        case ASCII.comma:
            index += 1
            return false
        case closer:
            index += 1
            return true
        default:
            throw failure(reason)
        }
    }

    // MARK: - Scalars

    private mutating func parseNumber() throws(Failure) -> Double {
        let start = index
        if peek() == ASCII.minus { index += 1 }
        if peek() == ASCII.zero {
            index += 1
        } else {
            try digits("expected a digit")
        }
        if peek() == ASCII.period {
            index += 1
            try digits("expected a digit after '.'")
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == ASCII.plus || peek() == ASCII.minus { index += 1 }
            try digits("expected a digit in the exponent")
        }
        guard let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)), number.isFinite else {
            throw Failure(offset: start, reason: "number out of range")
        }
        return number
    }

    private mutating func digits(_ reason: String) throws(Failure) {
        guard let first = peek(), ASCII.isDigit(first) else { throw failure(reason) }
        while let byte = peek(), ASCII.isDigit(byte) { index += 1 }
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = index
        index += 1
        var content: [UInt8] = []
        while let byte = peek() {
            guard byte >= ASCII.space else { throw failure("control character in a string; write it as an escape") }
            index += 1
            switch byte {
            case ASCII.quote:
                guard let text = String(validating: content, as: UTF8.self) else {
                    throw Failure(offset: start, reason: "invalid UTF-8 in a string")
                }
                return text
            case ASCII.backslash:
                try parseEscape(into: &content)
            default:
                content.append(byte)
            }
        }
        throw Failure(offset: start, reason: "unterminated string")
    }

    /// One escape, after its backslash.
    private mutating func parseEscape(into content: inout [UInt8]) throws(Failure) {
        let escapeStart = index - 1
        guard let escaped = peek() else { throw failure("unterminated string") }
        index += 1
        switch escaped {
        case ASCII.quote, ASCII.backslash, ASCII.slash: content.append(escaped)
        case UInt8(ascii: "b"): content.append(0x08)
        case UInt8(ascii: "f"): content.append(0x0C)
        case UInt8(ascii: "n"): content.append(ASCII.lineFeed)
        case UInt8(ascii: "r"): content.append(ASCII.carriageReturn)
        case UInt8(ascii: "t"): content.append(ASCII.tab)
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape(from: escapeStart)
            UTF8.encode(scalar) { content.append($0) }
        default:
            throw Failure(offset: escapeStart, reason: "invalid escape")
        }
    }

    /// The code point of `\uXXXX` (after the `u`), joining a surrogate pair.
    private mutating func parseUnicodeEscape(from escapeStart: Int) throws(Failure) -> Unicode.Scalar {
        let unit = try parseHex4()
        func lone() -> Failure {
            Failure(
                offset: escapeStart,
                reason: "the escape \\u\(String(unit, radix: 16)) is half a surrogate pair; "
                    + "write the character itself or both halves (\\ud83d\\ude00)")
        }
        switch unit {
        case 0xD800...0xDBFF:
            guard peek() == ASCII.backslash, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                throw lone()
            }
            index += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low),
                let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            else { throw lone() }
            return scalar
        case 0xDC00...0xDFFF:
            throw lone()
        default:
            guard let scalar = Unicode.Scalar(unit) else { throw lone() }
            return scalar
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = ASCII.hexValue(bytes[index]) else { throw failure("invalid hex digit in \\u escape") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: - Bytes

    private mutating func literal(_ word: String, _ value: BulkJSONValue) throws(Failure) -> BulkJSONValue {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, bytes[index..<index + utf8.count].elementsEqual(utf8) else {
            throw failure("invalid literal")
        }
        index += utf8.count
        return value
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(),
            byte == ASCII.space || byte == ASCII.lineFeed || byte == ASCII.tab
                || byte == ASCII.carriageReturn
        {
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8, _ reason: String) throws(Failure) {
        guard peek() == byte else { throw failure(reason) }
        index += 1
    }

    private func failure(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }
}
