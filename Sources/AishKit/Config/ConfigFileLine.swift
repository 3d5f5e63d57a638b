/// One line of `config.yaml` as ``ConfigFileOutline`` reads it: its indentation,
/// its text without the comment, and the first YAML anchor or alias on it, found
/// by a scan that knows quoted scalars and comments.
struct ConfigFileLine {
    /// The line number, from 1.
    let number: Int
    /// Leading spaces and tabs.
    let indent: Int
    /// The text after the indentation, without a comment or trailing spaces.
    let content: Substring
    /// `&name` or `*name` where a node starts, if the line has one: YAML anchors and
    /// aliases let a few hundred bytes expand to gigabytes (the "billion laughs").
    let anchorOrAlias: Substring?

    init(number: Int, text: Substring) {
        self.number = number
        let body = text.drop(while: { $0 == " " || $0 == "\t" })
        indent = text.count - body.count
        let (content, anchor) = Self.scan(body)
        self.content = content
        anchorOrAlias = anchor
    }

    /// `key: value` split at the first mapping colon (one followed by a space or the
    /// end); a quoted key loses its quotes. Nil for a line that is no mapping entry.
    var entry: (key: String, value: Substring)? {
        var rest = content[...]
        let key: Substring
        if let quote = rest.first, quote == "\"" || quote == "'" {
            guard let close = rest.dropFirst().firstIndex(of: quote) else { return nil }
            key = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...].drop(while: { $0 == " " })
            guard rest.first == ":" else { return nil }
        } else {
            var index = rest.startIndex
            while index < rest.endIndex {
                let next = rest.index(after: index)
                if rest[index] == ":", next == rest.endIndex || rest[next] == " " || rest[next] == "\t" { break }
                index = next
            }
            guard index < rest.endIndex else { return nil }
            var plain = rest[..<index]
            while plain.last == " " || plain.last == "\t" { plain = plain.dropLast() }
            key = plain
            rest = rest[index...]
        }
        let value = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
        return (String(key), value)
    }

    /// The text up to a comment, and the first anchor or alias at a node start.
    private static func scan(_ body: Substring) -> (Substring, Substring?) {
        let characters = Array(body)
        var quote: Character?
        var last: Character?  // the last character outside quotes that is no space
        var anchor: Substring?
        var end = characters.count
        var offset = 0
        while offset < characters.count {
            let character = characters[offset]
            let previous: Character? = offset > 0 ? characters[offset - 1] : nil
            offset += 1
            if let open = quote {
                if character == "\\" && open == "\"" {
                    offset += 1
                } else if character == open {
                    quote = nil
                    last = character
                }
                continue
            }
            if character == " " || character == "\t" { continue }
            if character == "#", previous == nil || previous == " " || previous == "\t" {
                end = offset - 1
                break
            }
            let afterIndicator = last.map {
                "[{,".contains($0) || (":-?".contains($0) && previous?.isWhitespace == true)
            }
            if afterIndicator ?? true {
                if character == "\"" || character == "'" {
                    quote = character
                } else if character == "&" || character == "*", anchor == nil {
                    let name = characters[(offset - 1)...].prefix(while: { !" \t,[]{}".contains($0) })
                    anchor = Substring(String(name))
                }
            }
            last = character
        }
        var content = body.prefix(end)
        while let tail = content.last, tail == " " || tail == "\t" || tail == "\r" { content = content.dropLast() }
        return (content, anchor)
    }
}
