extension Specialist {
    /// The specialists of a `GET /api/v1/ai/specialists` answer: the bare array Tekton
    /// sends, or `{"specialists": [...]}`; each entry read as the `Decodable`
    /// conformance reads it (``init(from:)``: the same fields, defaults and leniencies).
    ///
    /// - Throws: ``WireFormatError`` naming the first field that is wrong or missing.
    static func roster(json bytes: UnsafeBufferPointer<UInt8>) throws(WireFormatError) -> [Specialist] {
        var scanner = JSONScanner(bytes)
        var roster: [Specialist]?
        if scanner.next == ASCII.openBrace {
            try scanner.readObject { scanner, key throws(WireFormatError) in
                if JSONScanner.key(key, is: "specialists") {
                    roster = try entries(&scanner, path: "specialists")
                } else {
                    try scanner.skipValue()
                }
            }
        } else {
            roster = try entries(&scanner, path: "")
        }
        try scanner.finish()
        guard let roster else { throw WireFormatError("missing field 'specialists'") }
        return roster
    }

    private static func entries(_ scanner: inout JSONScanner, path: String) throws(WireFormatError) -> [Specialist] {
        guard scanner.next == ASCII.openBracket else {
            throw WireFormatError(path.isEmpty ? "unexpected type" : "unexpected type at \(path)")
        }
        var entries: [Specialist] = []
        try scanner.readArray { scanner, index throws(WireFormatError) in
            entries.append(try Specialist(scanning: &scanner, path: "\(path)[\(index)]"))
        }
        return entries
    }

    /// Reads one roster entry at the scanner's cursor; `path` names it in errors.
    private init(scanning scanner: inout JSONScanner, path: String) throws(WireFormatError) {
        guard scanner.next == ASCII.openBrace else { throw WireFormatError("unexpected type at \(path)") }
        var (aiID, id, name, component, description, category): (String?, String?, String?, String?, String?, String?)
        var capabilities: [String]?
        var healthy: Bool?
        /// The field of an `id` that is not a string.
        var idType: String?
        try scanner.readObject { scanner, key throws(WireFormatError) in
            func field() -> String { "\(path).\(String(decoding: key, as: UTF8.self))" }
            if JSONScanner.key(key, is: "ai_id") {
                aiID = try scanner.readOptionalString(field: field())
            } else if JSONScanner.key(key, is: "id") {
                // Read only when there is no `ai_id`: a wrong one matters only then.
                if scanner.next == ASCII.quote || scanner.next == UInt8(ascii: "n") {
                    id = try scanner.readOptionalString(field: field())
                } else {
                    idType = field()
                    try scanner.skipValue()
                }
            } else if JSONScanner.key(key, is: "name") {
                name = try scanner.readOptionalString(field: field())
            } else if JSONScanner.key(key, is: "component") {
                component = try scanner.readOptionalString(field: field())
            } else if JSONScanner.key(key, is: "description") {
                description = try scanner.readOptionalString(field: field())
            } else if JSONScanner.key(key, is: "category") {
                category = try scanner.readOptionalString(field: field())
            } else if JSONScanner.key(key, is: "capabilities") {
                capabilities = try scanner.readOptionalStrings(field: field())
            } else if JSONScanner.key(key, is: "healthy") {
                healthy = try scanner.readOptionalBool(field: field())
            } else {
                try scanner.skipValue()
            }
        }
        guard let identifier = aiID ?? id else {
            if let idType { throw WireFormatError("unexpected type at \(idType)") }
            throw WireFormatError("missing field 'id' at \(path)")
        }
        self.init(
            id: identifier, name: name, component: component, description: description, category: category,
            capabilities: capabilities ?? [], healthy: healthy ?? true)
    }
}
