/// Reads the inline Markdown of one line as it streams (`**strong**`, `*emphasis*`,
/// `_emphasis_`, `~~struck~~`, `` `code` ``, `[links](url)`, `\` escapes) and lays
/// out its visible text, styled, through a ``RowWriter``.
///
/// A run of marker characters is held until the character after it arrives, so a
/// marker split across chunks reads the same as a whole one; the flanking rules
/// follow CommonMark's. Emphasis opens optimistically (the closing marker is not
/// waited for), and all styles end with the line.
struct InlineStyler {
    private var style: TextStyle = []
    /// A held run of one marker character (`*`, `_`, `~` or a backtick).
    private var runMarker: Unicode.Scalar = " "
    private(set) var runLength = 0
    /// The character before the held run.
    private var beforeRun: Unicode.Scalar = " "
    /// The last character taken (a space at the start of a line).
    private var previous: Unicode.Scalar = " "
    /// The backtick count of the open code span, 0 when none is open.
    private var codeTicks = 0
    private var escaping = false
    private var boldMarker: Unicode.Scalar?
    private var italicMarker: Unicode.Scalar?
    /// The link being read, held until it turns out to be one.
    var link = LinkState.none

    /// Takes the next character of the line.
    mutating func take(_ scalar: Unicode.Scalar, _ writer: inout RowWriter) {
        if case .none = link {
        } else {
            takeInLink(scalar, &writer)
            return
        }
        if runLength > 0 {
            if scalar == runMarker {
                runLength += 1
                return
            }
            resolveRun(before: scalar, &writer)
        }
        if codeTicks > 0 {
            if scalar == "`" {
                startRun(scalar)
            } else {
                emit(scalar, &writer)
            }
            return
        }
        if escaping {
            escaping = false
            if Self.isPunctuation(scalar) {
                emit(scalar, &writer)
                return
            }
            emit("\\", &writer)
        }
        switch scalar {
        case "*", "_", "~", "`": startRun(scalar)
        case "\\": escaping = true
        case "[": link = .text([])
        default: emit(scalar, &writer)
        }
    }

    /// Settles everything held at the end of the line and forgets its styles.
    mutating func endLine(_ writer: inout RowWriter) {
        while true {
            if case .none = link {
            } else {
                abandonLink(&writer)
                continue
            }
            if runLength > 0 {
                resolveRun(before: nil, &writer)
                continue
            }
            if escaping {
                escaping = false
                emit("\\", &writer)
                continue
            }
            break
        }
        self = InlineStyler()
    }

    /// Lays out `scalar` in the current style.
    mutating func emit(_ scalar: Unicode.Scalar, _ writer: inout RowWriter) {
        writer.inline = style
        writer.put(scalar)
        previous = scalar
    }

    /// Sets or clears `attribute` for what follows.
    mutating func set(_ attribute: TextStyle, _ on: Bool) {
        if on { style.insert(attribute) } else { style.remove(attribute) }
    }

    private mutating func startRun(_ marker: Unicode.Scalar) {
        runMarker = marker
        runLength = 1
        beforeRun = previous
    }

    /// Decides what the held run is, now that the character after it (`after`, nil
    /// at the end of the line) is known.
    mutating func resolveRun(before after: Unicode.Scalar?, _ writer: inout RowWriter) {
        let marker = runMarker
        var remaining = runLength
        runLength = 0
        defer {
            for _ in 0..<remaining { emit(marker, &writer) }
            previous = marker
        }
        if marker == "`" {
            if codeTicks == 0 {
                codeTicks = remaining
                set(.code, true)
                remaining = 0
            } else if codeTicks == remaining {
                codeTicks = 0
                set(.code, false)
                remaining = 0
            }
            return
        }
        let next = after ?? " "
        let beforeSpace = Self.isWhitespace(beforeRun)
        let afterSpace = Self.isWhitespace(next)
        let beforePunctuation = Self.isPunctuation(beforeRun)
        let afterPunctuation = Self.isPunctuation(next)
        let leftFlanking = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation)
        let rightFlanking = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation)
        var canOpen = leftFlanking
        var canClose = rightFlanking
        if marker == "_" {
            canOpen = leftFlanking && (!rightFlanking || beforePunctuation)
            canClose = rightFlanking && (!leftFlanking || afterPunctuation)
        }
        if marker == "~" {
            guard remaining == 2 else { return }
            if style.contains(.strikethrough) && canClose {
                set(.strikethrough, false)
                remaining = 0
            } else if canOpen && !style.contains(.strikethrough) {
                set(.strikethrough, true)
                remaining = 0
            }
            return
        }
        if canClose {
            if remaining >= 2 && boldMarker == marker {
                boldMarker = nil
                set(.bold, false)
                remaining -= 2
            }
            if remaining >= 1 && italicMarker == marker {
                italicMarker = nil
                set(.italic, false)
                remaining -= 1
            }
        }
        if canOpen && remaining > 0 && remaining <= 3 {
            if remaining >= 2 && boldMarker == nil {
                boldMarker = marker
                set(.bold, true)
                remaining -= 2
            }
            if remaining == 1 && italicMarker == nil {
                italicMarker = marker
                set(.italic, true)
                remaining -= 1
            }
        }
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar.properties.isWhitespace
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let value = scalar.value
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
