import Foundation

/// JSON for people and for `jq` alike: indented, keys sorted, slashes left alone, and
/// an empty list or object written `[]` or `{}` (Foundation's pretty printing writes
/// `[`, a blank line and `]`).
public enum PrettyJSON {
    /// `value` as indented JSON (keys in snake case with `snakeCase`), nil when it
    /// cannot be encoded.
    public static func text(_ value: some Encodable, snakeCase: Bool = false) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        guard let data = try? encoder.encode(value) else { return nil }
        return closingEmptyContainers(Array(data))
    }

    /// `json` with every `[` or `{` that holds nothing but blanks and line breaks
    /// before its `]` or `}` written as `[]` or `{}`. A JSON string holds no raw line
    /// break, so such a stretch is never inside one.
    static func closingEmptyContainers(_ json: [UInt8]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(json.count)
        var index = 0
        while index < json.count {
            let byte = json[index]
            result.append(byte)
            index += 1
            guard byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") else { continue }
            var end = index
            while end < json.count, json[end] == UInt8(ascii: " ") || json[end] == UInt8(ascii: "\n") { end += 1 }
            let closer = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            if end > index, end < json.count, json[end] == closer, json[index..<end].contains(UInt8(ascii: "\n")) {
                index = end
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
