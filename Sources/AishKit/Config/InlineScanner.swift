/// One line's value: a scalar, or a flow collection that closes on that line.
struct InlineScanner {
    let characters: [Character]
    let line: Int
    let path: String
    var offset = 0

    /// Characters that end a plain scalar in a flow collection.
    static let flowIndicators: Set<Character> = [",", "[", "]", "{", "}"]

    /// All of the text as one value; in block context a plain scalar takes the rest
    /// of the line, brackets and commas included.
    mutating func wholeValue(depth: Int) throws(AishError) -> ProviderBlockParser.Node {
        guard let first = characters.first, "[{\"'".contains(first) else {
            return .scalar(try blockPlain(), line: line)
        }
        let node = try flowValue(depth: depth)
        skipBlanks()
        if offset < characters.count {
            throw error("unexpected '\(String(characters[offset...]))' after the value; give one value per key")
        }
        return node
    }

    private mutating func flowValue(depth: Int) throws(AishError) -> ProviderBlockParser.Node {
        guard depth < ProviderBlockParser.depthLimit else {
            throw error("the value is nested more than \(ProviderBlockParser.depthLimit) levels deep")
        }
        skipBlanks()
        switch peek() {
        case "[": return try flowSequence(depth: depth + 1)
        case "{": return try flowMapping(depth: depth + 1)
        case "\"", "'": return .scalar(try quoted(), line: line)
        default: return .scalar(try flowPlain(), line: line)
        }
    }

    private mutating func flowSequence(depth: Int) throws(AishError) -> ProviderBlockParser.Node {
        offset += 1
        var items: [ProviderBlockParser.Node] = []
        while true {
            skipBlanks()
            if peek() == "]" {
                offset += 1
                return .list(items, line: line)
            }
            guard peek() != nil else { throw unclosed("[", "]") }
            items.append(try flowValue(depth: depth))
            try separator(closing: "]")
        }
    }

    private mutating func flowMapping(depth: Int) throws(AishError) -> ProviderBlockParser.Node {
        offset += 1
        var entries: [ProviderBlockParser.Entry] = []
        var keys: Set<String> = []
        while true {
            skipBlanks()
            if peek() == "}" {
                offset += 1
                return .mapping(entries, line: line)
            }
            guard let first = peek() else { throw unclosed("{", "}") }
            let key = first == "\"" || first == "'" ? try quoted() : try flowPlain()
            skipBlanks()
            guard peek() == ":" else { throw error("expected ':' after the key '\(key)' in { }") }
            offset += 1
            skipBlanks()
            let value = peek() == "," || peek() == "}" ? .empty(line: line) : try flowValue(depth: depth)
            guard keys.insert(key).inserted else { throw error("'\(key)' is set twice in the same { }; keep one") }
            entries.append(.init(key: key, value: value, line: line))
            try separator(closing: "}")
        }
    }

    /// After an item: a comma, or the closing bracket (left for the caller).
    private mutating func separator(closing: Character) throws(AishError) {
        skipBlanks()
        switch peek() {
        case ",": offset += 1
        case closing: break
        case nil: throw unclosed(closing == "]" ? "[" : "{", closing)
        case let other?: throw error("expected ',' or '\(closing)' but found '\(other)'")
        }
    }

    /// A plain scalar in a flow collection: up to a flow indicator or a `:` that
    /// separates a key from its value.
    private mutating func flowPlain() throws(AishError) -> String {
        try checkPlainStart(flow: true)
        let start = offset
        while let character = peek(), !Self.flowIndicators.contains(character) {
            if character == ":", isSeparator(at: offset + 1) { break }
            offset += 1
        }
        var end = offset
        while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
        let text = String(characters[start..<end])
        guard !text.isEmpty else { throw error("expected a value before '\(peek().map(String.init) ?? "the end")'") }
        return text
    }

    private func blockPlain() throws(AishError) -> String {
        try checkPlainStart(flow: false)
        let text = String(characters)
        if characters.indices.contains(where: { characters[$0] == ":" && isSeparator(at: $0 + 1, flow: false) }) {
            throw error("the value '\(text)' holds a ': ', which YAML reads as a key; put the value in quotes")
        }
        return text
    }

    /// Refuses what YAML gives a meaning to at the start of a plain scalar.
    private func checkPlainStart(flow: Bool) throws(AishError) {
        guard let first = peek() else { return }
        if first == "|" || first == ">" {
            throw error(
                "block scalars (| and >) are not supported; write the text in double quotes, \\n for a line break")
        }
        if first == "!" { throw error("YAML tags ('!…') are not supported; write the value plain or in quotes") }
        // In a flow collection YAML parsers take a leading `?` or `:` as an indicator, whatever follows.
        if "#&*%@`,[]{}".contains(first) || (flow && "?:".contains(first))
            || ("-?:".contains(first) && isSeparator(at: offset + 1, flow: flow))
        {
            throw error("a value cannot start with '\(first)' unless it is quoted")
        }
    }

    /// Whether `position` is the end, a blank, or (in a flow collection) a flow indicator.
    private func isSeparator(at position: Int, flow: Bool = true) -> Bool {
        guard position < characters.count else { return true }
        let character = characters[position]
        return character == " " || character == "\t" || (flow && Self.flowIndicators.contains(character))
    }

    private mutating func quoted() throws(AishError) -> String {
        let quote = characters[offset]
        offset += 1
        var text = ""
        while let character = peek() {
            offset += 1
            if character == quote {
                guard quote == "'", peek() == "'" else { return text }
                offset += 1
                text.append("'")
            } else if character == "\\", quote == "\"", let escaped = peek() {
                offset += 1
                switch escaped {
                case "\"", "\\", "/": text.append(escaped)
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: throw error("'\\\(escaped)' is not an escape aish reads; use \\\", \\\\, \\n or \\t")
                }
            } else {
                text.append(character)
            }
        }
        throw error("the value opened with \(quote) is not closed on this line; a quoted value must fit on one line")
    }

    private mutating func skipBlanks() {
        while let character = peek(), character == " " || character == "\t" { offset += 1 }
    }

    private func peek() -> Character? {
        offset < characters.count ? characters[offset] : nil
    }

    private func unclosed(_ opener: Character, _ closer: Character) -> AishError {
        error("the '\(opener)' is not closed with '\(closer)' on this line; a value in brackets must fit on one line")
    }

    private func error(_ detail: String) -> AishError {
        .badConfiguration(source: "\(path):\(line)", detail: detail)
    }
}
