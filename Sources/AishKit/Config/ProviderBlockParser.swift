/// The `providers:` block of `config.yaml`, read by hand: its keys hold dots
/// (`qwen2.5-coder`), which a reader of dotted keys would split.
///
/// A subset of YAML 1.2 that YAML parsers read the same way: block mappings by
/// indentation, block sequences (`- item`), flow sequences (`[a, "b c"]`) and flow
/// mappings (`{k: [v]}`) that close on their line, and plain, single-quoted and
/// double-quoted scalars (escapes `\"`, `\\`, `\n`, `\t`, `\/`). Tags, block
/// scalars (`|`, `>`), complex keys and values continued on the next line are
/// refused; anchors and aliases never get here (``ConfigFileOutline`` refuses
/// them). Every error names the file and line. Pure: no I/O.
struct ProviderBlockParser {
    /// A parsed value.
    indirect enum Node: Equatable {
        case scalar(String, line: Int)
        case list([Node], line: Int)
        case mapping([Entry], line: Int)
        /// `key:` with nothing after it or under it.
        case empty(line: Int)

        /// The line the value starts on.
        var line: Int {
            switch self {
            case .scalar(_, let line), .list(_, let line), .mapping(_, let line), .empty(let line): line
            }
        }
    }

    /// One `key: value` of a mapping, and the line of its key.
    struct Entry: Equatable {
        var key: String
        var value: Node
        var line: Int
    }

    /// The deepest nesting read; a real block is four levels deep, and a limit keeps
    /// a hostile file (`[[[[…`) from exhausting the stack.
    static let depthLimit = 16

    private let path: String
    private let lines: [ConfigFileLine]
    private var index = 0

    /// The value of `header` (the `providers:` line): what follows its colon, or
    /// `body`, the indented lines under it.
    static func parse(header: ConfigFileLine, body: [ConfigFileLine], path: String) throws(AishError) -> Node {
        var parser = ProviderBlockParser(path: path, lines: body.filter { !$0.content.isEmpty })
        for line in [header] + parser.lines {
            if let scalar = line.content.unicodeScalars.first(where: isUnprintable) {
                let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
                throw parser.error(line.number, "this line holds the control character \(code), which YAML refuses")
            }
        }
        let node = try parser.value(
            after: header.entry?.value ?? "", line: header.number, indent: header.indent, listAtIndent: false, depth: 0)
        if let stray = parser.lines.dropFirst(parser.index).first {
            throw parser.error(stray.number, "this line is indented differently from the keys above it")
        }
        return node
    }

    /// The value of the key or list item on `line`: `inline`, the text after its colon
    /// or dash, else the lines below it indented past `indent`. A mapping's key may
    /// have its list at its own indentation (`listAtIndent`), as YAML allows.
    private mutating func value(after inline: Substring, line: Int, indent: Int, listAtIndent: Bool, depth: Int)
        throws(AishError) -> Node
    {
        guard depth < Self.depthLimit else {
            throw error(line, "the providers block is nested more than \(Self.depthLimit) levels deep")
        }
        let next = index < lines.count ? lines[index] : nil
        if !inline.isEmpty {
            var scanner = InlineScanner(characters: Array(inline), line: line, path: path)
            let node = try scanner.wholeValue(depth: depth)
            if let next, next.indent > indent {
                throw error(next.number, "this line is indented under line \(line), which has its value already")
            }
            return node
        }
        guard let next, next.indent > indent || (listAtIndent && next.indent == indent && next.isListItem) else {
            return .empty(line: line)
        }
        return next.isListItem
            ? try sequence(indent: next.indent, depth: depth + 1) : try mapping(indent: next.indent, depth: depth + 1)
    }

    private mutating func mapping(indent: Int, depth: Int) throws(AishError) -> Node {
        let start = lines[index].number
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        while index < lines.count, lines[index].indent == indent {
            let line = lines[index]
            let (key, inline) = try entry(of: line)
            if let first = seen.updateValue(line.number, forKey: key) {
                throw error(line.number, "'\(key)' is set again (first on line \(first)); keep one")
            }
            index += 1
            let value = try value(after: inline, line: line.number, indent: indent, listAtIndent: true, depth: depth)
            entries.append(Entry(key: key, value: value, line: line.number))
        }
        return .mapping(entries, line: start)
    }

    private mutating func sequence(indent: Int, depth: Int) throws(AishError) -> Node {
        let start = lines[index].number
        var items: [Node] = []
        while index < lines.count, lines[index].indent == indent, lines[index].isListItem {
            let line = lines[index]
            // `- key: value` and `- - x` are refused by the value's own checks.
            let item = line.content.dropFirst().drop(while: { $0 == " " })
            if item.first == "\t" { throw error(line.number, "a tab follows the '-'; YAML wants spaces there") }
            index += 1
            items.append(try value(after: item, line: line.number, indent: indent, listAtIndent: false, depth: depth))
        }
        return .list(items, line: start)
    }

    /// The key of a `key: value` line, checked, and the text after its colon.
    private func entry(of line: ConfigFileLine) throws(AishError) -> (String, Substring) {
        if line.isListItem {
            throw error(line.number, "a list item among the keys of a mapping; indent the list under its key")
        }
        if let first = line.content.first, "[]{},!&*|>%@`?".contains(first) {
            throw error(line.number, "a key cannot start with '\(first)'; write 'key: value', the key plain or quoted")
        }
        guard let (key, value) = line.entry, !key.isEmpty else {
            throw error(line.number, "expected 'key: value' (a space after the colon), or 'key:' with its value below")
        }
        if line.content.first == "\"", key.contains("\\") {
            throw error(line.number, "escapes in a quoted key are not supported; write the key without backslashes")
        }
        return (key, value)
    }

    /// Whether YAML refuses `scalar` in a file: C0 and C1 controls but tab and NEL, DEL, U+FFFE and U+FFFF.
    private static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value) && scalar.value != 0x85
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    private func error(_ line: Int, _ detail: String) -> AishError {
        .badConfiguration(source: "\(path):\(line)", detail: detail)
    }
}

/// One line's value: a scalar, or a flow collection that closes on that line.
private struct InlineScanner {
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

extension ConfigFileLine {
    /// Whether the line is a block sequence item: `-` alone or followed by a blank.
    fileprivate var isListItem: Bool {
        content == "-" || content.hasPrefix("- ") || content.hasPrefix("-\t")
    }
}
