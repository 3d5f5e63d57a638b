import Testing

@testable import AishKit

/// The JSON scanner skips strings eight bytes at a time; its search for the bytes a
/// string treats specially (quote, backslash, control characters) agrees with a
/// byte-by-byte one, also where several special bytes make the subtractions borrow.
@Suite struct JSONStringSearchTests {
    func plainSearch(_ word: UInt64) -> Int? {
        ByteWords.firstIndex(in: word) { $0 == ASCII.quote || $0 == ASCII.backslash || $0 < ASCII.space }
    }

    @Test func everyByteValueAtEveryPosition() {
        for (word, label) in ByteWords.everyByteAtEveryPosition {
            #expect(JSONScanner.firstSpecialStringByte(in: word) == plainSearch(word), "\(label)")
        }
    }

    @Test func wordsOfSpecialAndNeighbouringBytes() {
        // The special bytes, their neighbours, zero and UTF-8 bytes.
        let choices: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xFF]
        for word in ByteWords.drawn(from: choices, count: 200_000) {
            #expect(JSONScanner.firstSpecialStringByte(in: word) == plainSearch(word), "\(String(word, radix: 16))")
        }
    }
}
