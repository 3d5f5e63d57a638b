/// Makes text from a server safe to show on a terminal: error messages, model ids.
///
/// A hostile or broken server could otherwise move the cursor, retitle the window,
/// or hide what aish prints (ECMA-48 escape sequences). Every escape sequence (CSI,
/// OSC, DCS and the two-byte ones) is removed with its parameters, as are the other
/// C0 and C1 control characters; line ends and tabs become spaces, and the text is
/// cut to `limit` characters, marked with `…`.
public enum OpenAIServerText {
    /// The default cut: long enough for any real error message.
    public static let defaultLimit = 500

    /// `text` without escape sequences or control characters, on one line, at most
    /// `limit` characters: for error messages and model ids.
    public static func safe(_ text: String, limit: Int = defaultLimit) -> String {
        var output = String.UnicodeScalarView()
        var count = 0
        filter(text, keepingLayout: false) { scalar in
            // Runs of blanks collapse, so a multi-line message reads as one line.
            if scalar == " ", output.last == " " || output.isEmpty { return true }
            output.append(scalar)
            count += 1
            return count <= limit
        }
        while output.last == " " { output.removeLast() }
        guard count > limit else { return String(output) }
        return String(String(output).prefix(limit)) + "…"
    }

    /// Reply text without escape sequences or control characters other than line
    /// ends and tabs. Text with neither ESC nor any other control character (all of
    /// a normal reply) comes back as it is, after one pass over its bytes.
    public static func reply(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F || $0 == 0xC2 }) else {
            return text
        }
        var output = String.UnicodeScalarView()
        filter(text, keepingLayout: true) { scalar in
            output.append(scalar)
            return true
        }
        return String(output)
    }

    /// Calls `emit` with each scalar to keep (line ends and tabs as a space unless
    /// `keepingLayout`), until it returns false.
    private static func filter(_ text: String, keepingLayout: Bool, _ emit: (Unicode.Scalar) -> Bool) {
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            var keep: Unicode.Scalar?
            switch scalar.value {
            case 0x1B:
                skipEscape(&scalars)
            case 0x9B:
                skipControlSequence(&scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                skipString(&scalars)
            case 0x09, 0x0A:
                keep = keepingLayout ? scalar : " "
            case 0x0D:
                keep = keepingLayout ? nil : " "
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                break
            default:
                keep = scalar
            }
            if let keep, !emit(keep) { return }
        }
    }

    /// Skips what follows an ESC: a CSI (`[`), a string (`]`, `P`, `X`, `^`, `_`), or
    /// one more character.
    private static func skipEscape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let next = scalars.next() else { return }
        switch next {
        case "[": skipControlSequence(&scalars)
        case "]", "P", "X", "^", "_": skipString(&scalars)
        default: return
        }
    }

    /// Skips a control sequence's parameter and intermediate bytes and its final byte.
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            if (0x40...0x7E).contains(scalar.value) { return }
            if !(0x20...0x3F).contains(scalar.value) { return }
        }
    }

    /// Skips a string sequence up to its terminator: BEL, ST (ESC `\`) or C1 ST.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                _ = scalars.next()
                return
            default: continue
            }
        }
    }
}
