/// Splits the text of a JSON array, already validated, into its elements' texts.
enum JSONRPCBatchSplitter {
    /// The top-level elements of `array` (valid JSON text of an array), trimmed.
    /// Commas inside strings and nested containers do not split. Works on the
    /// UTF-8 bytes: JSON's structural characters are all ASCII.
    static func elements(ofValidArray array: String) -> [Substring] {
        let bytes = array.utf8
        var elements: [Substring] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: String.Index?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == ASCII.backslash {
                    escaped = true
                } else if byte == ASCII.quote {
                    inString = false
                }
            } else {
                switch byte {
                case ASCII.quote:
                    inString = true
                case ASCII.openBracket, ASCII.openBrace:
                    depth += 1
                    if depth == 1 { start = bytes.index(after: index) }
                case ASCII.closeBracket, ASCII.closeBrace:
                    if depth == 1, let from = start { appendTrimmed(array[from..<index], to: &elements) }
                    depth -= 1
                case ASCII.comma where depth == 1:
                    if let from = start { appendTrimmed(array[from..<index], to: &elements) }
                    start = bytes.index(after: index)
                default:
                    break
                }
            }
            index = bytes.index(after: index)
        }
        return elements
    }

    private static func appendTrimmed(_ text: Substring, to elements: inout [Substring]) {
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else {
            return
        }
        elements.append(text[first...last])
    }
}
