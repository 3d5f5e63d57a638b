import Testing

@testable import AishKit

/// The decoder looks for line ends eight bytes at a time; that search agrees with a
/// byte-by-byte one on every word, including those where subtracting borrows across
/// bytes (several low bytes in a row).
@Suite struct SSELineEndSearchTests {
    func plainSearch(_ word: UInt64) -> Int? {
        ByteWords.firstIndex(in: word) { $0 <= ASCII.carriageReturn }
    }

    @Test func everyByteValueAtEveryPosition() {
        for (word, label) in ByteWords.everyByteAtEveryPosition {
            #expect(SSEDecoder.firstByteUpToCarriageReturn(in: word) == plainSearch(word), "\(label)")
        }
    }

    @Test func wordsOfBordersAndLineEnds() {
        // Bytes around the border (13/14), line ends, zero, the top of ASCII and UTF-8 bytes.
        for word in ByteWords.drawn(from: [0x00, 0x09, 0x0A, 0x0D, 0x0E, 0x20, 0x7F, 0x80, 0xFF], count: 200_000) {
            #expect(SSEDecoder.firstByteUpToCarriageReturn(in: word) == plainSearch(word), "\(String(word, radix: 16))")
        }
    }
}
