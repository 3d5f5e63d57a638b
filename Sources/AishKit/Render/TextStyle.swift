/// Inline attributes of a run of text, from its Markdown markers.
struct TextStyle: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let bold = TextStyle(rawValue: 1 << 0)
    static let italic = TextStyle(rawValue: 1 << 1)
    static let strikethrough = TextStyle(rawValue: 1 << 2)
    static let code = TextStyle(rawValue: 1 << 3)
    static let link = TextStyle(rawValue: 1 << 4)
    static let url = TextStyle(rawValue: 1 << 5)
}

/// The style every character of a line starts from, set by its block (headings).
enum Tone: UInt8, Sendable {
    case plain, heading1, heading2, heading3, minorHeading

    /// The tone of a heading with `level` `#`s.
    init(headingLevel level: Int) {
        switch level {
        case 1: self = .heading1
        case 2: self = .heading2
        case 3: self = .heading3
        default: self = .minorHeading
        }
    }
}

/// Everything that decides how a character looks: its block's tone and inline style.
struct StyleKey: Sendable, Equatable {
    var tone: Tone
    var inline: TextStyle

    static let plain = StyleKey(tone: .plain, inline: [])
}
