/// Trimming as Foundation's `trimmingCharacters(in: .whitespaces)` and
/// `trimmingCharacters(in: .whitespacesAndNewlines)` trim, without Foundation: the
/// first of those in a process costs ~1.4 M instructions (its character sets and
/// string bridging), more than the rest of reading aish's settings. The same scalars
/// are trimmed (`TrimmingTests` compares every Unicode scalar with Foundation's sets).
extension String {
    /// Without leading and trailing spaces and tabs (`CharacterSet.whitespaces`).
    public func trimmingWhitespace() -> String { Trimming.trim(self[...], where: Trimming.isWhitespace) }

    /// Without leading and trailing spaces, tabs and line breaks
    /// (`CharacterSet.whitespacesAndNewlines`).
    public func trimmingWhitespaceAndNewlines() -> String {
        Trimming.trim(self[...], where: Trimming.isWhitespaceOrNewline)
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs (`CharacterSet.whitespaces`).
    public func trimmingWhitespace() -> String { Trimming.trim(self, where: Trimming.isWhitespace) }

    /// Without leading and trailing spaces, tabs and line breaks
    /// (`CharacterSet.whitespacesAndNewlines`).
    public func trimmingWhitespaceAndNewlines() -> String { Trimming.trim(self, where: Trimming.isWhitespaceOrNewline) }
}

/// The scalars Foundation's `CharacterSet.whitespaces` and `.whitespacesAndNewlines` hold.
enum Trimming {
    /// `text` without the scalars `trimmed` holds at either end; scalars, not
    /// characters, as Foundation (a combining mark after a space stays).
    static func trim(_ text: Substring, where trimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }),
            let last = scalars.lastIndex(where: { !trimmed($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Tab, space, no-break space, Ogham space mark, the spaces U+2000–U+200B, narrow
    /// no-break space, medium mathematical space and ideographic space.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// ``isWhitespace(_:)``, line feed to carriage return, next line, and the line
    /// and paragraph separators.
    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: isWhitespace(scalar)
        }
    }
}
