/// Text from a server made safe to print on a terminal: escape sequences and
/// control characters would let a hostile server clear the screen, retitle the
/// window, forge output or write the clipboard (OSC 52).
///
/// Follows ECMA-48's sequence shapes: CSI (`ESC [` or U+009B) runs to a final byte
/// 0x40–0x7E; OSC, DCS, SOS, PM and APC (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`,
/// `ESC _` or their C1 forms) run to ST (`ESC \` or U+009C) or BEL; any other
/// `ESC` takes intermediates 0x20–0x2F and one final character.
public enum TerminalText {
    /// `text` without escape sequences and without C0 and C1 control characters
    /// (DEL included), except newline and tab. An unterminated sequence is dropped
    /// to the end of the text.
    public static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard isControl(scalar) else {
                output.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x0A, 0x09: output.append(scalar)
            case 0x1B: skipEscape(&scalars)
            case 0x9B: skipControlSequence(&scalars)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: skipControlString(&scalars)
            default: break
            }
        }
        return String(output)
    }

    /// Whether `scalar` is a C0 or C1 control character or DEL (newline and tab included).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }

    private static func skipEscape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let next = scalars.next() else { return }
        switch next {
        case "[": skipControlSequence(&scalars)
        case "]", "P", "X", "^", "_": skipControlString(&scalars)
        default:
            var current = next
            while (0x20...0x2F).contains(current.value), let following = scalars.next() { current = following }
        }
    }

    /// Parameters and intermediates up to the final byte; stops early at anything
    /// that cannot be part of the sequence, which is dropped too.
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next(), (0x20...0x3F).contains(scalar.value) {}
    }

    /// Up to and including ST (`ESC \`, U+009C) or BEL.
    private static func skipControlString(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                // ESC \ ends the string; an ESC starting anything else ends it as well
                // (xterm does the same), and what follows is dropped with it.
                _ = scalars.next()
                return
            default: continue
            }
        }
    }
}
