/// The id of a JSON-RPC 2.0 call: a string or a whole number, echoed in its
/// response. `null` appears only in responses to messages whose id could not be
/// read (a parse error, an invalid request).
public enum JSONRPCID: Hashable, Sendable, CustomStringConvertible {
    /// A numeric id.
    case number(Int)
    /// A string id.
    case string(String)
    /// `null`.
    case null

    /// Reads an id from a member's value; nil for values an id cannot be
    /// (booleans, fractions, arrays, objects).
    public init?(_ value: FlatJSONObject.Value) {
        switch value {
        case .string(let text):
            self = .string(text)
        case .number(let number):
            guard let integer = Int(exactly: number) else { return nil }
            self = .number(integer)
        case .null:
            self = .null
        case .bool, .nested:
            return nil
        }
    }

    /// The id as a member value.
    public var value: FlatJSONObject.Value {
        switch self {
        case .number(let number): .number(Double(number))
        case .string(let text): .string(text)
        case .null: .null
        }
    }

    /// The id as JSON text: `7`, `"a"` or `null`.
    public var description: String {
        var text = ""
        JSONRPCText.write(value, to: &text)
        return text
    }
}
