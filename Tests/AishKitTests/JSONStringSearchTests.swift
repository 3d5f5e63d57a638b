import Testing

@testable import AishKit

/// The JSON scanner skips strings eight bytes at a time; its search for the bytes a
/// string treats specially (quote, backslash, control characters) agrees with a
/// byte-by-byte one, also where several special bytes make the subtractions borrow.
@Suite struct JSONStringSearchTests {
    func plainSearch(_ word: UInt64) -> Int? {
        (0..<8).first { position in
            let byte = UInt8(truncatingIfNeeded: word >> (8 * UInt64(position)))
            return byte == ASCII.quote || byte == ASCII.backslash || byte < ASCII.space
        }
    }

    @Test func everyByteValueAtEveryPosition() {
        for position in 0..<8 {
            for value in UInt64(0)...255 {
                let text = UInt64(0x6161_6161_6161_6161)  // "aaaaaaaa"
                let shift = 8 * UInt64(position)
                let word = (text & ~(0xFF << shift)) | (value << shift)
                #expect(
                    JSONScanner.firstSpecialStringByte(in: word) == plainSearch(word), "byte \(value) at \(position)")
            }
        }
    }

    @Test func wordsOfSpecialAndNeighbouringBytes() {
        // The special bytes, their neighbours, zero and UTF-8 bytes, in 200,000 words a
        // fixed generator picks.
        let choices: [UInt64] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xFF]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200_000 {
            var word: UInt64 = 0
            for position in 0..<8 {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                word |= choices[Int(state % UInt64(choices.count))] << (8 * UInt64(position))
            }
            #expect(
                JSONScanner.firstSpecialStringByte(in: word) == plainSearch(word), "word \(String(word, radix: 16))")
        }
    }
}
