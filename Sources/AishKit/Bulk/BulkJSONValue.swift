/// A plan file's JSON (read by ``BulkJSONParser``), whole before its shape is checked, so every problem
/// can be reported at once rather than only the first a decoder meets.
enum BulkJSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([BulkJSONValue])
    case object([String: BulkJSONValue])

    /// A few words for "expected X, got Y" messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Where a byte of a text file is, as people count: lines and columns from 1,
/// columns in characters.
struct TextPosition: Sendable, Equatable, CustomStringConvertible {
    var line: Int
    var column: Int

    /// The position of byte `offset` of `bytes` (UTF-8).
    init(offset: Int, in bytes: [UInt8]) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        // Count characters, not bytes: continuation bytes (10xxxxxx) start none.
        let column = bytes[lineStart..<end].reduce(1) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
        self.line = line
        self.column = column
    }

    var description: String { "line \(line), column \(column)" }
}
