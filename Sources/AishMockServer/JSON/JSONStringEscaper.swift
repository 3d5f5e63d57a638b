/// Writes JSON string literals the way Python's `json` module does, which is what
/// Tekton's FastAPI services emit.
///
/// Output goes into a `String`: the standard library is always optimised, so
/// building text there and copying it into a `ByteBuffer` once is fast even in
/// debug builds.
enum JSONStringEscaper {
    /// Appends `"text"` with JSON escapes. With `asciiOnly`, every code point
    /// outside printable ASCII becomes `\uXXXX` (lower-case hex, surrogate pairs
    /// above U+FFFF), exactly as `json.dumps(..., ensure_ascii=True)`.
    static func write(_ text: String, to output: inout String, asciiOnly: Bool) {
        output += "\""
        if needsNoEscaping(text, asciiOnly: asciiOnly) {
            output += text
        } else {
            for scalar in text.unicodeScalars {
                writeScalar(scalar, to: &output, asciiOnly: asciiOnly)
            }
        }
        output += "\""
    }

    private static func needsNoEscaping(_ text: String, asciiOnly: Bool) -> Bool {
        !text.utf8.contains { byte in
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || (asciiOnly && byte >= 0x7F)
        }
    }

    private static func writeScalar(_ scalar: Unicode.Scalar, to output: inout String, asciiOnly: Bool) {
        switch scalar {
        case "\"": output += "\\\""
        case "\\": output += "\\\\"
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\t": output += "\\t"
        case "\u{08}": output += "\\b"
        case "\u{0C}": output += "\\f"
        default:
            let value = scalar.value
            if value < 0x20 || (asciiOnly && value >= 0x7F) {
                if value > 0xFFFF {
                    let offset = value - 0x10000
                    writeUnicodeEscape(0xD800 + (offset >> 10), to: &output)
                    writeUnicodeEscape(0xDC00 + (offset & 0x3FF), to: &output)
                } else {
                    writeUnicodeEscape(value, to: &output)
                }
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }

    private static func writeUnicodeEscape(_ unit: UInt32, to output: inout String) {
        let hex = String(unit, radix: 16)
        output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
