import NIOCore

extension JSONValue {
    /// The JSON text of this value.
    func encoded(_ style: JSONStyle = .compact) -> String {
        var buffer = ByteBuffer()
        write(to: &buffer, style: style)
        return String(buffer: buffer)
    }

    /// The JSON text of this value in a buffer.
    func encodedBuffer(_ style: JSONStyle = .compact) -> ByteBuffer {
        var buffer = ByteBuffer()
        write(to: &buffer, style: style)
        return buffer
    }

    /// Appends the JSON text of this value to `buffer`.
    func write(to buffer: inout ByteBuffer, style: JSONStyle) {
        switch self {
        case .null:
            buffer.writeStaticString("null")
        case .bool(let value):
            buffer.writeStaticString(value ? "true" : "false")
        case .int(let value):
            buffer.writeString(String(value))
        case .double(let value):
            buffer.writeString(Self.number(value))
        case .string(let value):
            JSONStringEscaper.write(value, to: &buffer, asciiOnly: style.asciiOnly)
        case .array(let values):
            buffer.writeInteger(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { Self.writeSeparator(to: &buffer, style: style) }
                value.write(to: &buffer, style: style)
            }
            buffer.writeInteger(UInt8(ascii: "]"))
        case .object(let members):
            buffer.writeInteger(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { Self.writeSeparator(to: &buffer, style: style) }
                JSONStringEscaper.write(member.name, to: &buffer, asciiOnly: style.asciiOnly)
                buffer.writeStaticString(style.spaced ? ": " : ":")
                member.value.write(to: &buffer, style: style)
            }
            buffer.writeInteger(UInt8(ascii: "}"))
        }
    }

    private static func writeSeparator(to buffer: inout ByteBuffer, style: JSONStyle) {
        buffer.writeStaticString(style.spaced ? ", " : ",")
    }

    /// Python's `repr` of a float, which Swift's shortest round-trip form matches
    /// for the values the mock uses (`0.95`, `1.0`, `120000.0`).
    private static func number(_ value: Double) -> String {
        value.isFinite ? String(value) : "null"
    }
}
