/// A JSON object read one level deep, for the per-token hot path.
///
/// Streamed replies carry one small JSON object per token, and `JSONDecoder` costs
/// too much at that rate. This parser is strict (RFC 8259 grammar, UTF-8 validated,
/// no trailing commas, nothing after the object) and never traps on bad input: any
/// malformed byte sequence throws a ``FlatJSONError``. Nested arrays and objects are
/// validated and kept as their raw JSON text. A lone UTF-16 surrogate escape, which
/// a Swift `String` cannot hold, becomes U+FFFD so one odd character does not lose a
/// whole reply. When a key repeats, the last member wins.
public struct FlatJSONObject: Sendable, Equatable {
    /// A member's value.
    public enum Value: Sendable, Equatable {
        /// A string, unescaped.
        case string(String)
        /// A number (finite; integers are exact up to 2^53).
        case number(Double)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
        /// A nested array or object, as its raw (validated) JSON text.
        case nested(String)
    }

    /// One `"key": value` pair.
    public struct Member: Sendable, Equatable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: Value

        /// Creates a member.
        public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// The members in the order they appeared.
    public var members: [Member]

    /// Parses one JSON object from UTF-8 bytes; surrounding whitespace is allowed.
    public init(parsing bytes: some Collection<UInt8>) throws(FlatJSONError) {
        let parsed: Result<[Member], FlatJSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            var parser = FlatJSONParser(buffer)
            return Result { () throws(FlatJSONError) in try parser.parseObject() }
        }
        let result =
            parsed
            ?? Array(bytes).withUnsafeBufferPointer { buffer in
                var parser = FlatJSONParser(buffer)
                return Result { () throws(FlatJSONError) in try parser.parseObject() }
            }
        self.members = try result.get()
    }

    /// An object of `members`, already read.
    init(members: [Member]) {
        self.members = members
    }

    /// Parses one JSON object from text.
    public init(parsing text: String) throws(FlatJSONError) {
        var text = text
        let parsed = text.withUTF8 { buffer in
            var parser = FlatJSONParser(buffer)
            return Result { () throws(FlatJSONError) in try parser.parseObject() }
        }
        self.members = try parsed.get()
    }

    /// The value of the last member named `key`, if any.
    public subscript(key: String) -> Value? {
        members.last { $0.key == key }?.value
    }

    /// The member's value when it is a string.
    public func string(_ key: String) -> String? {
        guard case .string(let value) = self[key] else { return nil }
        return value
    }

    /// The member's value when it is a number with no fractional part that fits `Int`.
    public func int(_ key: String) -> Int? {
        guard case .number(let value) = self[key] else { return nil }
        return Int(exactly: value)
    }

    /// The member's value when it is a number.
    public func double(_ key: String) -> Double? {
        guard case .number(let value) = self[key] else { return nil }
        return value
    }

    /// The member's value when it is `true` or `false`.
    public func bool(_ key: String) -> Bool? {
        guard case .bool(let value) = self[key] else { return nil }
        return value
    }
}

/// Why a JSON text could not be read: the byte offset and a short reason.
///
/// The description never quotes the input, which may be message content.
public struct FlatJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offset of the offending byte from the start of the input.
    public var offset: Int
    /// What was wrong there.
    public var reason: String

    /// Creates an error.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// "invalid JSON at byte N: reason".
    public var description: String {
        "invalid JSON at byte \(offset): \(reason)"
    }
}
