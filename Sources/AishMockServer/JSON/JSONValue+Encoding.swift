import NIOCore

extension JSONValue {
    /// The JSON text of this value.
    func encoded(_ style: JSONStyle = .compact) -> String {
        var output = ""
        write(to: &output, style: style)
        return output
    }

    /// The JSON text of this value in a buffer.
    func encodedBuffer(_ style: JSONStyle = .compact) -> ByteBuffer {
        ByteBuffer(string: encoded(style))
    }

    /// Appends the JSON text of this value to `output`.
    func write(to output: inout String, style: JSONStyle) {
        switch self {
        case .null:
            output += "null"
        case .bool(let value):
            output += value ? "true" : "false"
        case .int(let value):
            output += String(value)
        case .double(let value):
            output += Self.number(value)
        case .string(let value):
            JSONStringEscaper.write(value, to: &output, asciiOnly: style.asciiOnly)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += style.spaced ? ", " : "," }
                value.write(to: &output, style: style)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += style.spaced ? ", " : "," }
                JSONStringEscaper.write(member.name, to: &output, asciiOnly: style.asciiOnly)
                output += style.spaced ? ": " : ":"
                member.value.write(to: &output, style: style)
            }
            output += "}"
        }
    }

    /// Python's `repr` of a float, which Swift's shortest round-trip form matches
    /// for the values the mock uses (`0.95`, `1.0`, `120000.0`).
    private static func number(_ value: Double) -> String {
        value.isFinite ? String(value) : "null"
    }
}
