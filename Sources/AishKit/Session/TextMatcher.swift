import Foundation

/// Case-insensitive "contains", fast for the common case of an ASCII query: it
/// compares UTF-8 bytes folding only A–Z, which is exact for ASCII needles because
/// no other character's UTF-8 bytes fall in the ASCII range.
public struct TextMatcher: Sendable {
    private let needle: String
    private let asciiNeedle: [UInt8]?

    /// A matcher for `needle`.
    public init(_ needle: String) {
        self.needle = needle
        let bytes = Array(needle.utf8)
        asciiNeedle = bytes.allSatisfy { $0 < 0x80 } ? bytes.map(Self.lower) : nil
    }

    /// Whether `text` contains the needle, ignoring case.
    public func matches(_ text: String) -> Bool {
        guard let asciiNeedle else { return text.range(of: needle, options: .caseInsensitive) != nil }
        guard let first = asciiNeedle.first else { return true }
        var text = text
        return text.withUTF8 { haystack in
            let count = asciiNeedle.count
            guard haystack.count >= count else { return false }
            var start = 0
            let last = haystack.count - count
            while start <= last {
                if Self.lower(haystack[start]) == first {
                    var offset = 1
                    while offset < count, Self.lower(haystack[start + offset]) == asciiNeedle[offset] { offset += 1 }
                    if offset == count { return true }
                }
                start += 1
            }
            return false
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
