import Foundation

/// The bytes around one string of a JSON text that a stream sends again and again
/// with only that string changed: an OpenAI chunk repeats its id, object, time and
/// model around each token's `content`, a v2 `content` event its type and
/// specialist around `data`.
///
/// Learnt from an event read in full (``init(_:string:)``, with where the string
/// lies), it reads the next event's string when the event is the same bytes with
/// another string in that place (``value(in:)``): both ends compared byte for byte,
/// then the string read and checked as any other (escapes, control characters,
/// UTF-8) and found to end exactly where the known end begins. The event then holds
/// the same JSON as the one learnt from, but for that string, so a full reading
/// would find that string in the same place. Anything else is `nil`, and the caller
/// reads the event in full, whose answer and errors stay the reference.
struct JSONStringTemplate: Sendable {
    /// Every byte before the string's opening quote.
    private let head: [UInt8]
    /// Every byte after its closing quote.
    private let tail: [UInt8]

    /// The template of `bytes`, whose string token (its quotes included) spans `string`.
    init?(_ bytes: UnsafeBufferPointer<UInt8>, string: Range<Int>) {
        guard string.lowerBound >= 0, string.upperBound <= bytes.count, string.count >= 2,
            bytes[string.lowerBound] == ASCII.quote, bytes[string.upperBound - 1] == ASCII.quote
        else { return nil }
        head = Array(bytes[..<string.lowerBound])
        tail = Array(bytes[string.upperBound...])
    }

    /// The string in `bytes` when they are this template's bytes around another valid
    /// JSON string, unescaped; `nil` otherwise.
    func value(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let end = bytes.count - tail.count
        guard end - head.count >= 2, let base = bytes.baseAddress,
            Self.equal(base, head), Self.equal(base + end, tail)
        else { return nil }
        var scanner = JSONScanner(bytes, at: head.count)
        guard let text = try? scanner.readString(), scanner.position == end else { return nil }
        return text
    }

    private static func equal(_ start: UnsafePointer<UInt8>, _ expected: [UInt8]) -> Bool {
        expected.withUnsafeBufferPointer { expected in
            guard let other = expected.baseAddress else { return true }
            return memcmp(start, other, expected.count) == 0
        }
    }
}
