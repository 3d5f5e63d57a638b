/// A JSON value whose objects keep their members in order, so the mock can
/// reproduce Tekton's responses field for field.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([Member])

    /// One `"name": value` pair of an object.
    struct Member: Sendable, Equatable {
        let name: String
        let value: JSONValue
    }

    /// An object from ordered pairs.
    static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { Member(name: $0.key, value: $0.value) })
    }

    /// A string, or `null` when there is none.
    static func string(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    /// An array of strings.
    static func strings(_ texts: [String]) -> JSONValue {
        .array(texts.map(JSONValue.string))
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// A string value from a literal.
    init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// A boolean from a literal.
    init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// A whole number from a literal.
    init(integerLiteral value: Int) {
        self = .int(value)
    }
}
