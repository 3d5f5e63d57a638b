/// A URL query decoded the way FastAPI (Starlette) decodes it: `+` is a space and
/// `%XX` escapes are UTF-8 bytes. A key without `=` has the empty value.
struct QueryParameters: Sendable {
    private let pairs: [(String, String)]

    /// Parses the raw query (the part after `?`, without it).
    init(_ query: String?) {
        guard let query, !query.isEmpty else {
            self.pairs = []
            return
        }
        self.pairs = query.split(separator: "&").map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The first value of `name`, or nil when it is absent.
    subscript(name: String) -> String? {
        pairs.first { $0.0 == name }?.1
    }

    /// Every value of `name`, in order (`ai_ids=a&ai_ids=b`).
    func values(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map(\.1)
    }

    private static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = iterator.next()
                let low = iterator.next()
                if let high, let low, let value = hexValue(high, low) {
                    bytes.append(value)
                } else {
                    bytes.append(byte)
                    high.map { bytes.append($0) }
                    low.map { bytes.append($0) }
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        guard let high = hexDigit(high), let low = hexDigit(low) else { return nil }
        return high << 4 | low
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
