/// Colours one code block's lines as they stream: keywords, strings, comments and
/// numbers. Code is written as it comes, never wrapped or reflowed; only an
/// identifier is held until it ends, to know whether it is a keyword.
struct CodeHighlighter {
    private enum Role: Equatable { case plain, keyword, string, comment, number, inserted, deleted, hunk }
    private enum State: Equatable {
        case plain, identifier, number
        case string(Unicode.Scalar)
        case lineComment, blockComment
    }

    private let highlights: Bool
    private let language: CodeLanguage
    private let theme: Theme
    private var state = State.plain
    private var applied = Role.plain
    private var word = ""
    private var slashHeld = false
    private var escaped = false
    private var starSeen = false
    /// A diff line's colour, chosen by its first character; nil at a line's start.
    private var diffRole: Role?

    /// A highlighter for `language` (nil: the code is written uncoloured).
    init(language: CodeLanguage?, theme: Theme) {
        highlights = language != nil
        self.language = language ?? CodeLanguage(keywords: [], quotes: [])
        self.theme = theme
    }

    /// Takes the next character of a line of code.
    mutating func take(_ scalar: Unicode.Scalar, into out: inout [UInt8]) {
        guard highlights else { return write(scalar, .plain, &out) }
        if language.isDiff {
            let role = diffRole ?? Self.diffRole(startingWith: scalar)
            diffRole = role
            return write(scalar, role, &out)
        }
        switch state {
        case .blockComment:
            write(scalar, .comment, &out)
            if starSeen && scalar == "/" { state = .plain }
            starSeen = scalar == "*"
            return
        case .lineComment:
            return write(scalar, .comment, &out)
        case .string(let quote):
            write(scalar, .string, &out)
            if escaped {
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == quote {
                state = .plain
            }
            return
        case .identifier:
            if Self.continuesIdentifier(scalar) {
                word.unicodeScalars.append(scalar)
                return
            }
            flushWord(&out)
        case .number:
            if Self.continuesIdentifier(scalar) || scalar == "." {
                return write(scalar, .number, &out)
            }
            state = .plain
        case .plain:
            break
        }
        if slashHeld {
            slashHeld = false
            if scalar == "/" || scalar == "*" {
                write("/", .comment, &out)
                write(scalar, .comment, &out)
                state = scalar == "/" ? .lineComment : .blockComment
                starSeen = false
                return
            }
            write("/", .plain, &out)
        }
        if scalar == "/" && language.slashComments {
            slashHeld = true
        } else if scalar == "#" && language.hashComments {
            write(scalar, .comment, &out)
            state = .lineComment
        } else if language.quotes.contains(scalar) {
            write(scalar, .string, &out)
            state = .string(scalar)
        } else if ("0"..."9").contains(scalar) {
            write(scalar, .number, &out)
            state = .number
        } else if Self.startsIdentifier(scalar) {
            word.unicodeScalars.append(scalar)
            state = .identifier
        } else {
            write(scalar, .plain, &out)
        }
    }

    /// Ends a line: writes what is held and turns colours off. Only a block comment
    /// goes on to the next line.
    mutating func endLine(into out: inout [UInt8]) {
        if state == .identifier { flushWord(&out) }
        if slashHeld {
            slashHeld = false
            write("/", .plain, &out)
        }
        if state != .blockComment { state = .plain }
        escaped = false
        diffRole = nil
        if applied != .plain { out.append(contentsOf: theme.resetSequence.utf8) }
        applied = .plain
    }

    private mutating func flushWord(_ out: inout [UInt8]) {
        let role: Role = language.keywords.contains(word) ? .keyword : .plain
        switch (role, applied) {
        case (.plain, .plain), (.keyword, .keyword): break
        default: setRole(role, &out)
        }
        out.append(contentsOf: word.utf8)
        word.removeAll(keepingCapacity: true)
        state = .plain
    }

    private mutating func write(_ scalar: Unicode.Scalar, _ role: Role, _ out: inout [UInt8]) {
        if role != applied { setRole(role, &out) }
        if scalar.value < 0x80 {
            out.append(UInt8(scalar.value))
        } else {
            out.append(contentsOf: scalar.utf8)
        }
    }

    private mutating func setRole(_ role: Role, _ out: inout [UInt8]) {
        applied = role
        let parameters: String
        switch role {
        case .plain: parameters = ""
        case .keyword: parameters = theme.keyword
        case .string: parameters = theme.string
        case .comment: parameters = theme.comment
        case .number: parameters = theme.number
        case .inserted: parameters = theme.inserted
        case .deleted: parameters = theme.deleted
        case .hunk: parameters = theme.hunk
        }
        guard theme.emitsStyles else { return }
        out.append(contentsOf: (parameters.isEmpty ? Theme.reset : "\u{1B}[0;\(parameters)m").utf8)
    }

    /// The colour of a diff line that starts with `scalar`: `+` added, `-` removed,
    /// `@` a hunk header; anything else (context) is plain.
    private static func diffRole(startingWith scalar: Unicode.Scalar) -> Role {
        switch scalar {
        case "+": .inserted
        case "-": .deleted
        case "@": .hunk
        default: .plain
        }
    }

    private static func startsIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        return scalar.properties.isAlphabetic
    }

    private static func continuesIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        startsIdentifier(scalar) || ("0"..."9").contains(scalar)
    }
}
