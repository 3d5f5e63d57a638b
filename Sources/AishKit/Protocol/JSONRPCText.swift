/// Writes JSON text for JSON-RPC messages: compact, UTF-8 left as is, control
/// characters escaped.
enum JSONRPCText {
    /// Appends `value` as JSON. A nested value is written as its (already valid)
    /// raw text; a number with no fractional part as an integer; a non-finite
    /// number, which JSON cannot hold, as `null`.
    static func write(_ value: FlatJSONObject.Value, to output: inout String) {
        switch value {
        case .string(let text):
            writeString(text, to: &output)
        case .number(let number):
            // `magnitude`, not `abs`: -2^63 is a valid Int whose `abs` overflows.
            if let integer = Int(exactly: number), integer.magnitude < 1 << 53 {
                output += String(integer)
            } else if number.isFinite {
                output += String(number)
            } else {
                output += "null"
            }
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .null:
            output += "null"
        case .nested(let raw):
            output += raw
        }
    }

    /// Appends `text` as a JSON string literal.
    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        let needsEscaping = text.utf8.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        guard needsEscaping else {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }

    /// The length in bytes of `text` as a JSON string literal (quotes included), as
    /// ``writeString(_:to:)`` writes it, without writing it.
    public static func escapedLength(_ text: String) -> Int {
        var length = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                length += 2
            case ..<0x20: length += 6
            default: length += 1
            }
        }
        return length
    }

    /// An object's JSON text from ordered members.
    static func object(_ members: [FlatJSONObject.Member]) -> String {
        var output = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { output += "," }
            writeString(member.key, to: &output)
            output += ":"
            write(member.value, to: &output)
        }
        return output + "}"
    }
}

extension FlatJSONObject.Value {
    /// A nested object built from ordered `key: value` pairs; pairs whose value is
    /// nil are left out.
    public static func object(_ pairs: KeyValuePairs<String, FlatJSONObject.Value?>) -> FlatJSONObject.Value {
        .nested(
            JSONRPCText.object(
                pairs.compactMap { key, value in value.map { FlatJSONObject.Member(key: key, value: $0) } }))
    }

    /// A nested array of strings.
    public static func strings(_ values: [String]) -> FlatJSONObject.Value {
        var output = "["
        for (index, value) in values.enumerated() {
            if index > 0 { output += "," }
            JSONRPCText.writeString(value, to: &output)
        }
        return .nested(output + "]")
    }

    /// The nested value read as an object, or nil when this is not an object.
    public var object: FlatJSONObject? {
        guard case .nested(let raw) = self, raw.first == "{" else { return nil }
        return try? FlatJSONObject(parsing: raw)
    }
}
