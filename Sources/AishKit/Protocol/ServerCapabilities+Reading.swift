extension ServerCapabilities {
    /// Reads a `GET /api/capabilities` answer (PROTOCOL.md §1) as the `Decodable`
    /// conformance does (``init(from:)``): absent or null fields take their defaults,
    /// and `deprecations` that are not an object of strings are ignored.
    ///
    /// - Throws: ``WireFormatError`` naming the first field of the wrong type.
    init(json bytes: UnsafeBufferPointer<UInt8>) throws(WireFormatError) {
        var scanner = JSONScanner(bytes)
        try self.init(scanning: &scanner, path: "")
        try scanner.finish()
    }

    /// Reads the capabilities object at the scanner's cursor; `path` names it in errors.
    init(scanning scanner: inout JSONScanner, path: String) throws(WireFormatError) {
        guard scanner.next == ASCII.openBrace else {
            throw WireFormatError(path.isEmpty ? "unexpected type" : "unexpected type at \(path)")
        }
        var capabilities = ServerCapabilities()
        try scanner.readObject { scanner, key throws(WireFormatError) in
            // Named only in an error: the readers take it as an autoclosure.
            func field() -> String { (path.isEmpty ? "" : path + ".") + String(decoding: key, as: UTF8.self) }
            if JSONScanner.key(key, is: "version") {
                capabilities.version = try scanner.readOptionalString(field: field())
            } else if JSONScanner.key(key, is: "features") {
                capabilities.features = try Features(scanning: &scanner, path: field()) ?? Features()
            } else if JSONScanner.key(key, is: "api_versions") {
                capabilities.apiVersions = try scanner.readOptionalStrings(field: field()) ?? []
            } else if JSONScanner.key(key, is: "deprecations") {
                capabilities.deprecations = try Self.deprecations(&scanner)
            } else if JSONScanner.key(key, is: "v1_only") {
                capabilities.isV1Only = try scanner.readOptionalBool(field: field()) ?? false
            } else {
                try scanner.skipValue()
            }
        }
        self = capabilities
    }

    /// An object of strings; anything else (skipped, its grammar checked) is none,
    /// as is an object with a string that does not read (a bad escape).
    private static func deprecations(_ scanner: inout JSONScanner) throws(WireFormatError) -> [String: String] {
        guard scanner.next == ASCII.openBrace else {
            try scanner.skipValue()
            return [:]
        }
        var found: [String: String] = [:]
        var allStrings = true
        try scanner.readObject { scanner, key throws(WireFormatError) in
            guard allStrings, scanner.next == ASCII.quote else {
                allStrings = false
                return try scanner.skipValue()
            }
            let start = scanner.position
            do {
                found[try scanner.text(ofKey: key)] = try scanner.readString()
            } catch {
                // A string that does not read is still skipped by its grammar; the rest
                // of the document must still be JSON.
                allStrings = false
                scanner = JSONScanner(scanner.bytes, at: start)
                try scanner.skipValue()
            }
        }
        return allStrings ? found : [:]
    }
}

extension ServerCapabilities.Features {
    /// Reads a `features` object at the scanner's cursor; nil for null.
    fileprivate init?(scanning scanner: inout JSONScanner, path: String) throws(WireFormatError) {
        if scanner.next == UInt8(ascii: "n") {
            try scanner.skipValue()
            return nil
        }
        guard scanner.next == ASCII.openBrace else { throw WireFormatError("unexpected type at \(path)") }
        var features = Self()
        try scanner.readObject { scanner, key throws(WireFormatError) in
            func field() -> String { path + "." + String(decoding: key, as: UTF8.self) }
            if JSONScanner.key(key, is: "streaming") {
                features.streaming = try scanner.readOptionalBool(field: field()) ?? false
            } else if JSONScanner.key(key, is: "sessions") {
                features.sessions = try scanner.readOptionalBool(field: field()) ?? false
            } else if JSONScanner.key(key, is: "bulk_operations") {
                features.bulkOperations = try scanner.readOptionalBool(field: field()) ?? false
            } else if JSONScanner.key(key, is: "websocket") {
                features.websocket = try scanner.readOptionalBool(field: field()) ?? false
            } else if JSONScanner.key(key, is: "enhanced_discovery") {
                features.enhancedDiscovery = try scanner.readOptionalBool(field: field()) ?? false
            } else {
                try scanner.skipValue()
            }
        }
        self = features
    }
}
