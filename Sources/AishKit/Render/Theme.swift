/// The colours and attributes of rendered Markdown, as SGR parameter lists
/// (`"1;4"` is bold and underlined; see ECMA-48). An empty list means "no attribute".
public struct Theme: Sendable, Equatable {
    /// `# Heading`: bold, underlined, magenta.
    public var heading1 = "1;4;35"
    /// `## Heading`: bold magenta.
    public var heading2 = "1;35"
    /// `### Heading`: bold cyan.
    public var heading3 = "1;36"
    /// `####` to `######`: bold.
    public var minorHeading = "1"
    /// `**strong**`.
    public var bold = "1"
    /// `*emphasis*`.
    public var italic = "3"
    /// `~~struck~~`.
    public var strikethrough = "9"
    /// `` `inline code` ``.
    public var inlineCode = "36"
    /// The text of a link.
    public var link = "4;34"
    /// The URL shown after a link's text.
    public var url = "2"
    /// The `│` gutter of a block quote.
    public var quoteGutter = "2"
    /// List bullets and numbers.
    public var listMarker = "33"
    /// Horizontal rules and the lines around a code block.
    public var rule = "2"
    /// Keywords in code blocks.
    public var keyword = "35"
    /// String literals in code blocks.
    public var string = "32"
    /// Comments in code blocks.
    public var comment = "2;3"
    /// Number literals in code blocks.
    public var number = "33"
    /// Added lines (`+`) of a diff block.
    public var inserted = "32"
    /// Removed lines (`-`) of a diff block.
    public var deleted = "31"
    /// Hunk headers (`@@ … @@`) of a diff block.
    public var hunk = "36"
    /// The box of a done task (`- [x]`).
    public var taskDone = "32"

    /// The default theme: the 16 basic colours, which every colour terminal has.
    public static let standard = Theme()

    /// Layout without colour or any other attribute, for `NO_COLOR`: bullets,
    /// indentation, rules and wrapping at words stay; no escape sequence sets a style.
    public static let plain: Theme = {
        var theme = Theme()
        theme.emitsStyles = false
        return theme
    }()

    /// Whether styles are written at all (false for ``plain``).
    public private(set) var emitsStyles = true

    /// Whether links are OSC 8 hyperlinks (the text alone, clickable) rather than
    /// the text followed by its URL; see ``terminalSupportsHyperlinks(_:)``.
    public var hyperlinks = false

    /// ``standard`` (or ``plain`` without `colors`), with hyperlinks where the
    /// terminal `environment` describes shows them.
    public static func forTerminal(colors: Bool, environment: [String: String]) -> Theme {
        var theme = colors ? Theme.standard : Theme.plain
        theme.hyperlinks = terminalSupportsHyperlinks(environment)
        return theme
    }

    /// Whether the terminal shows OSC 8 hyperlinks, from what it says of itself:
    /// `AISH_HYPERLINKS=1` or `0` decides; otherwise iTerm2, WezTerm, VS Code,
    /// Ghostty, kitty, foot, Windows Terminal and VTE 0.50 or later (GNOME Terminal,
    /// Tilix) do. Elsewhere (tmux, screen, the Linux console, unknown terminals)
    /// links keep their URL in the text, which every terminal shows.
    public static func terminalSupportsHyperlinks(_ environment: [String: String]) -> Bool {
        switch environment["AISH_HYPERLINKS"] {
        case "1"?: return true
        case "0"?: return false
        default: break
        }
        if environment["TMUX"] != nil || environment["STY"] != nil { return false }
        if let program = environment["TERM_PROGRAM"],
            ["iTerm.app", "WezTerm", "vscode", "ghostty"].contains(program)
        {
            return true
        }
        if environment["KITTY_WINDOW_ID"] != nil || environment["WT_SESSION"] != nil { return true }
        if let term = environment["TERM"], term == "xterm-kitty" || term.hasPrefix("foot") { return true }
        if let vte = environment["VTE_VERSION"].flatMap(Int.init), vte >= 5000 { return true }
        return false
    }

    /// The default theme; change properties to adjust it.
    public init() {}

    /// Turns every attribute off.
    static let reset = "\u{1B}[0m"

    /// ``reset`` for a theme that writes styles; nothing for ``plain``.
    var resetSequence: String { emitsStyles ? Self.reset : "" }

    /// The sequence that sets exactly `style`: a reset, then its attributes.
    func sequence(for style: StyleKey) -> String {
        guard emitsStyles else { return "" }
        var parameters = ["0"]
        switch style.tone {
        case .plain: break
        case .heading1: parameters.append(heading1)
        case .heading2: parameters.append(heading2)
        case .heading3: parameters.append(heading3)
        case .minorHeading: parameters.append(minorHeading)
        }
        let inline = style.inline
        if inline.contains(.bold) { parameters.append(bold) }
        if inline.contains(.italic) { parameters.append(italic) }
        if inline.contains(.strikethrough) { parameters.append(strikethrough) }
        if inline.contains(.code) { parameters.append(inlineCode) }
        if inline.contains(.link) { parameters.append(link) }
        if inline.contains(.url) { parameters.append(url) }
        return "\u{1B}[" + parameters.filter { !$0.isEmpty }.joined(separator: ";") + "m"
    }

    /// `text` wrapped in `parameters` and a reset; `text` alone when `parameters` is empty.
    func paint(_ text: String, _ parameters: String) -> String {
        parameters.isEmpty || !emitsStyles ? text : "\u{1B}[\(parameters)m\(text)\(Self.reset)"
    }
}
