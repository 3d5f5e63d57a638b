import AishKit
import Testing

@Suite struct TerminalWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("中", 2), ("，", 2), ("한", 2), ("Ａ", 2), ("😀", 2), ("🚀", 2), ("✅", 2),
        ("\u{301}", 0), ("\u{200D}", 0), ("\u{FE0F}", 0), ("\u{7}", 0), ("\u{1B}", 0), ("→", 1), ("─", 1),
    ])
    func scalarWidths(_ text: String, _ cells: Int) {
        #expect(text.unicodeScalars.count == 1)
        #expect(TerminalWidth.cells(text) == cells)
    }

    @Test func stringsSumTheirScalars() {
        #expect(TerminalWidth.cells("e\u{301}te\u{301}") == 3)
        #expect(TerminalWidth.cells("中文 ok") == 7)
    }
}
