import NIOCore

/// Writes JSON string literals the way Python's `json` module does, which is what
/// Tekton's FastAPI services emit.
enum JSONStringEscaper {
    /// Appends `"text"` with JSON escapes. With `asciiOnly`, every code point
    /// outside printable ASCII becomes `\uXXXX` (lower-case hex, surrogate pairs
    /// above U+FFFF), exactly as `json.dumps(..., ensure_ascii=True)`.
    static func write(_ text: String, to buffer: inout ByteBuffer, asciiOnly: Bool) {
        buffer.writeInteger(UInt8(ascii: "\""))
        if needsNoEscaping(text, asciiOnly: asciiOnly) {
            buffer.writeString(text)
        } else {
            for scalar in text.unicodeScalars {
                writeScalar(scalar, to: &buffer, asciiOnly: asciiOnly)
            }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    private static func needsNoEscaping(_ text: String, asciiOnly: Bool) -> Bool {
        for byte in text.utf8 {
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            if asciiOnly && byte >= 0x7F { return false }
        }
        return true
    }

    private static func writeScalar(_ scalar: Unicode.Scalar, to buffer: inout ByteBuffer, asciiOnly: Bool) {
        switch scalar {
        case "\"": buffer.writeStaticString("\\\"")
        case "\\": buffer.writeStaticString("\\\\")
        case "\n": buffer.writeStaticString("\\n")
        case "\r": buffer.writeStaticString("\\r")
        case "\t": buffer.writeStaticString("\\t")
        case "\u{08}": buffer.writeStaticString("\\b")
        case "\u{0C}": buffer.writeStaticString("\\f")
        default:
            let value = scalar.value
            if value < 0x20 || (asciiOnly && value >= 0x7F) {
                if value > 0xFFFF {
                    let offset = value - 0x10000
                    writeUnicodeEscape(0xD800 + (offset >> 10), to: &buffer)
                    writeUnicodeEscape(0xDC00 + (offset & 0x3FF), to: &buffer)
                } else {
                    writeUnicodeEscape(value, to: &buffer)
                }
            } else {
                buffer.writeString(String(scalar))
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeUnicodeEscape(_ unit: UInt32, to buffer: inout ByteBuffer) {
        buffer.writeStaticString("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            buffer.writeInteger(hexDigits[Int((unit >> UInt32(shift)) & 0xF)])
        }
    }
}
