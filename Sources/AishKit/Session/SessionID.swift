/// Session ids: 16 random lowercase hex digits, shortened to any unique prefix the
/// way git shortens commit ids.
public enum SessionID {
    /// How many hex digits a full id has.
    public static let length = 16

    /// A fresh random id.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: length - hex.count) + hex
    }

    /// `text` as a prefix to look up (lowercased), or nil when it cannot be part of
    /// an id: empty, too long, or not hex.
    public static func prefix(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard !lowered.isEmpty, lowered.count <= length,
            lowered.utf8.allSatisfy({ ASCII.hexValue($0) != nil })
        else { return nil }
        return lowered
    }
}
