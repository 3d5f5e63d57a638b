/// `{opN}` in a message: the response of operation opN (PROTOCOL.md §5).
///
/// A placeholder is `{` + an operation id + `}`. Text in braces that names no
/// operation of the plan (`{x}` in a code sample) is left as it is, except the
/// `{opN}` form, which can only mean an operation and is reported when unknown.
public enum BulkPlaceholders {
    /// The names in braces in `message`, in order, each once.
    public static func names(in message: String) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for range in ranges(in: message) {
            let name = String(message[range].dropFirst().dropLast())
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    /// `message` with each `{id}` for an id in `responses` replaced by its response.
    /// One pass over the message: braces inside an inserted response are left alone.
    public static func substitute(_ message: String, with responses: [String: String]) -> String {
        var result = ""
        var position = message.startIndex
        for range in ranges(in: message) {
            let name = String(message[range].dropFirst().dropLast())
            guard let response = responses[name] else { continue }
            result += message[position..<range.lowerBound]
            result += response
            position = range.upperBound
        }
        result += message[position...]
        return result
    }

    /// Whether `name` has the documented `opN` shape.
    static func looksLikeOperation(_ name: String) -> Bool {
        name.hasPrefix("op") && name.count > 2 && name.dropFirst(2).allSatisfy(\.isASCIIDigitCharacter)
    }

    /// The ranges of `{name}` where name could be an operation id.
    private static func ranges(in message: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = message.startIndex
        while let open = message[index...].firstIndex(of: "{") {
            let afterOpen = message.index(after: open)
            guard let close = message[afterOpen...].firstIndex(where: { !BulkPlanChecks.isIDCharacter($0) }) else {
                break
            }
            if message[close] == "}", BulkPlanChecks.isValidID(String(message[afterOpen..<close])) {
                ranges.append(open..<message.index(after: close))
                index = message.index(after: close)
            } else {
                index = close
            }
        }
        return ranges
    }
}

extension Character {
    /// Whether this is one of the ASCII digits 0–9.
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
