import Foundation
import Testing

@testable import AishKit

/// `trimmingWhitespace()` and `trimmingWhitespaceAndNewlines()` trim what Foundation's
/// `trimmingCharacters(in:)` trims, which they replace.
struct TrimmingTests {
    @Test func theSetsAreFoundationsOnEveryScalar() {
        var differing: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Trimming.isWhitespace(scalar) != CharacterSet.whitespaces.contains(scalar) {
                differing.append("whitespaces U+\(String(value, radix: 16))")
            }
            if Trimming.isWhitespaceOrNewline(scalar) != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                differing.append("whitespacesAndNewlines U+\(String(value, radix: 16))")
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")
    }

    @Test(arguments: [
        "", " ", " \t ", "abc", "  abc  ", "\tabc\n", "\n abc \r\n", " a b ", "\u{3000}全角\u{3000}",
        " \u{301}e ", "e\u{301} ", "\u{200B}x\u{200B}", "\u{85}line\u{2028}", " 🧪 ", "\u{A0}\u{1680}x\u{202F}",
        "\r\n", "x\u{0B}\u{0C}",
    ])
    func trimsAsFoundationDoes(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        let slice = Substring(text)
        #expect(slice.trimmingWhitespace() == slice.trimmingCharacters(in: .whitespaces))
    }
}
