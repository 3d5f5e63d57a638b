/// Reading a member's value as the type a response's field must have: a value of
/// another type throws ``WireFormatError`` naming the field, and `null` is an absent
/// value, as `decodeIfPresent` takes it. For the few small documents read on the way
/// to a chat's first byte (the roster, the capabilities), which Foundation's
/// `JSONDecoder` made cost more at start than the request itself.
extension JSONScanner {
    /// The string at the cursor; nil for null.
    mutating func readOptionalString(field: @autoclosure () -> String) throws(WireFormatError) -> String? {
        switch next {
        case ASCII.quote: return try readString()
        case UInt8(ascii: "n"):
            try skipValue()
            return nil
        default: throw Self.unexpectedType(field())
        }
    }

    /// The Boolean at the cursor; nil for null.
    mutating func readOptionalBool(field: @autoclosure () -> String) throws(WireFormatError) -> Bool? {
        let first = next
        switch first {
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            try skipValue()
            return first == UInt8(ascii: "t")
        case UInt8(ascii: "n"):
            try skipValue()
            return nil
        default: throw Self.unexpectedType(field())
        }
    }

    /// The number at the cursor; nil for null.
    mutating func readOptionalNumber(field: @autoclosure () -> String) throws(WireFormatError) -> Double? {
        guard let first = next, first == ASCII.minus || ASCII.isDigit(first) else {
            guard next == UInt8(ascii: "n") else { throw Self.unexpectedType(field()) }
            try skipValue()
            return nil
        }
        let start = position
        try skipValue()
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
    }

    /// The array of strings at the cursor; nil for null.
    mutating func readOptionalStrings(field: @autoclosure () -> String) throws(WireFormatError) -> [String]? {
        switch next {
        case ASCII.openBracket:
            var strings: [String] = []
            try readArray { scanner, index throws(WireFormatError) in
                guard scanner.next == ASCII.quote, let string = try scanner.readString() else {
                    throw Self.unexpectedType("\(field())[\(index)]")
                }
                strings.append(string)
            }
            return strings
        case UInt8(ascii: "n"):
            try skipValue()
            return nil
        default: throw Self.unexpectedType(field())
        }
    }

    /// A key that ``readObject(_:)`` lent, as text with its escapes read: for objects
    /// whose keys are data (a URL, a route), not field names.
    func text(ofKey key: UnsafeBufferPointer<UInt8>) throws(WireFormatError) -> String {
        guard key.contains(ASCII.backslash) else {
            guard UTF8Validation.isValid(key) else { throw WireFormatError("invalid UTF-8 in a key") }
            return String(decoding: key, as: UTF8.self)
        }
        guard let base = bytes.baseAddress, let start = key.baseAddress else { return "" }
        let quote = start - base - 1
        var parser = FlatJSONParser(UnsafeBufferPointer(rebasing: bytes[quote..<(quote + key.count + 2)]))
        do {
            return try parser.parseWholeString()
        } catch {
            throw WireFormatError(error, in: "a key")
        }
    }

    private static func unexpectedType(_ field: String) -> WireFormatError {
        WireFormatError("unexpected type at \(field)")
    }
}
