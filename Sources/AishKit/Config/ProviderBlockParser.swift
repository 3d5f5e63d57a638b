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

extension ConfigFileLine {
    /// Whether the line is a block sequence item: `-` alone or followed by a blank.
    fileprivate var isListItem: Bool {
        content == "-" || content.hasPrefix("- ") || content.hasPrefix("-\t")
    }
}
