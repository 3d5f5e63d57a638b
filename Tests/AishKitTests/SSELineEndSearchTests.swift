import Testing

@testable import AishKit

/// The decoder looks for line ends eight bytes at a time; that search agrees with a
/// byte-by-byte one on every word, including those where subtracting borrows across
/// bytes (several low bytes in a row).
@Suite struct SSELineEndSearchTests {
    /// The first byte (lowest bits first) that is CR or below, one byte at a time.
    func plainSearch(_ word: UInt64) -> Int? {
        (0..<8).first { (word >> (8 * UInt64($0))) & 0xFF <= UInt64(ASCII.carriageReturn) }
    }

    @Test func everyByteValueAtEveryPosition() {
        for position in 0..<8 {
            for value in UInt64(0)...255 {
                let text = UInt64(0x6161_6161_6161_6161)  // "aaaaaaaa"
                let shift = 8 * UInt64(position)
                let word = (text & ~(0xFF << shift)) | (value << shift)
                #expect(
                    SSEDecoder.firstByteUpToCarriageReturn(in: word) == plainSearch(word),
                    "byte \(value) at \(position)")
            }
        }
    }

    @Test func wordsOfBordersAndLineEnds() {
        // Bytes around the border (13/14), line ends, zero, the top of ASCII and UTF-8
        // bytes, in 200,000 words a fixed generator picks.
        let choices: [UInt64] = [0x00, 0x09, 0x0A, 0x0D, 0x0E, 0x20, 0x7F, 0x80, 0xFF]
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
                SSEDecoder.firstByteUpToCarriageReturn(in: word) == plainSearch(word), "word \(String(word, radix: 16))"
            )
        }
    }
}
