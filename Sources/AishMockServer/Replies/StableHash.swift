/// FNV-1a, 64 bits: a hash that is the same in every process, unlike `Hasher`,
/// which is seeded randomly at launch. Replies must not change between runs.
struct StableHash: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Mixes the UTF-8 bytes of `text` into the hash.
    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }

    /// Mixes one separator byte, so `("ab", "c")` and `("a", "bc")` differ.
    mutating func combineSeparator() {
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01B3
    }
}
