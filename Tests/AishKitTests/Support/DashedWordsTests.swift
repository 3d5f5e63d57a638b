import Testing

@testable import AishKit

/// Words that start with a dash but hold a blank are values, whatever ArgumentParser
/// would make of them; they come back exactly as typed.
@Suite struct DashedWordsTests {
    @Test func onlyWordsThatCannotBeOptionsAreMarked() {
        let typed = [
            "apollo", "- list the steps", "--why not", "-h", "--max-tokens", "5", "--system=be brief", "-x = y", "-",
            "--", "- after the terminator",
        ]
        let protected = DashedWords.protecting(typed)
        #expect(
            protected.map { $0.first == DashedWords.mark } == [
                false, true, true, false, false, false, false, true, false, false, false,
            ])
        #expect(protected.map(DashedWords.restored) == typed)
    }

    @Test func restoringAnUnmarkedWordChangesNothing() {
        #expect(DashedWords.restored("plain") == "plain")
        #expect(DashedWords.restored("") == "")
    }
}
