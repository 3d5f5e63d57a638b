/// Eight-byte words for checking searches that look at eight bytes at a time (the
/// first byte in the lowest bits, as they are loaded on a little-endian machine).
enum ByteWords {
    /// Every byte value at every position among seven `a`s, with its description.
    static var everyByteAtEveryPosition: [(word: UInt64, label: String)] {
        (0..<8).flatMap { position in
            (UInt64(0)...255).map { value in
                let shift = 8 * UInt64(position)
                let text = UInt64(0x6161_6161_6161_6161)  // "aaaaaaaa"
                return ((text & ~(0xFF << shift)) | (value << shift), "byte \(value) at \(position)")
            }
        }
    }

    /// `count` words of bytes drawn from `choices` by a fixed generator (xorshift),
    /// the same every run.
    static func drawn(from choices: [UInt8], count: Int) -> [UInt64] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            var word: UInt64 = 0
            for position in 0..<8 {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                word |= UInt64(choices[Int(state % UInt64(choices.count))]) << (8 * UInt64(position))
            }
            return word
        }
    }

    /// The index of the first byte of `word` that `matches`, one byte at a time.
    static func firstIndex(in word: UInt64, where matches: (UInt8) -> Bool) -> Int? {
        (0..<8).first { matches(UInt8(truncatingIfNeeded: word >> (8 * UInt64($0)))) }
    }
}
