/// Where the inline styler is in reading a `[text](url)` link.
enum LinkState: Sendable {
    case none
    /// After `[`: the text so far.
    case text([Unicode.Scalar])
    /// After `]`: waiting for `(`.
    case closed([Unicode.Scalar])
    /// After `(`: the URL so far, and how many of its own `(` are open.
    case url([Unicode.Scalar], [Unicode.Scalar], depth: Int)
}

extension InlineStyler {
    /// Link text or URLs longer than this are not held back any longer: what was
    /// held is written as plain text.
    static let longestLinkPart = 512

    /// Takes `scalar` while a link is being read.
    mutating func takeInLink(_ scalar: Unicode.Scalar, _ writer: inout RowWriter) {
        switch link {
        case .none:
            take(scalar, &writer)
        case .text(var text):
            if scalar == "]" {
                link = .closed(text)
            } else if scalar == "[" || text.count >= Self.longestLinkPart {
                abandonLink(&writer)
                take(scalar, &writer)
            } else {
                link = .none  // so the array is not shared while it grows
                text.append(scalar)
                link = .text(text)
            }
        case .closed(let text):
            if scalar == "(" {
                link = .url(text, [], depth: 0)
            } else {
                abandonLink(&writer)
                take(scalar, &writer)
            }
        case .url(let text, var url, let depth):
            if scalar == ")" && depth == 0 {
                link = .none
                emitLink(text: text, url: url, &writer)
            } else if scalar == " " || url.count >= Self.longestLinkPart {
                abandonLink(&writer)
                take(scalar, &writer)
            } else {
                link = .none
                url.append(scalar)
                let nesting = scalar == "(" ? 1 : scalar == ")" ? -1 : 0
                link = .url(text, url, depth: depth + nesting)
            }
        }
    }

    /// Writes what was held of a link that turned out not to be one, as plain
    /// Markdown text (its emphasis and code still apply).
    mutating func abandonLink(_ writer: inout RowWriter) {
        let held = link
        link = .none
        emit("[", &writer)
        switch held {
        case .none:
            break
        case .text(let text):
            for scalar in text { take(scalar, &writer) }
        case .closed(let text):
            for scalar in text { take(scalar, &writer) }
            take("]", &writer)
        case .url(let text, let url, _):
            for scalar in text { take(scalar, &writer) }
            take("]", &writer)
            take("(", &writer)
            for scalar in url { take(scalar, &writer) }
        }
    }

    /// Writes a link as its text in the link style, then its URL, dimmed (once only
    /// when the text is the URL); on a terminal with hyperlinks, as its text alone,
    /// an OSC 8 hyperlink to the URL.
    private mutating func emitLink(text: [Unicode.Scalar], url: [Unicode.Scalar], _ writer: inout RowWriter) {
        // Control characters never reach the sequence (the renderer drops them before).
        if writer.hyperlinks, !text.isEmpty {
            writer.putSequence("\u{1B}]8;;" + String(String.UnicodeScalarView(url)) + "\u{07}", beforeNext: true)
            set(.link, true)
            for scalar in text { take(scalar, &writer) }
            if runLength > 0 { resolveRun(before: "]", &writer) }
            set(.link, false)
            writer.putSequence("\u{1B}]8;;\u{07}")
            return
        }
        if !text.isEmpty {
            set(.link, true)
            for scalar in text { take(scalar, &writer) }
            if runLength > 0 { resolveRun(before: "]", &writer) }
            set(.link, false)
            if text == url { return }
            emit(" ", &writer)
        }
        set(.url, true)
        for scalar in url { emit(scalar, &writer) }
        set(.url, false)
    }
}
