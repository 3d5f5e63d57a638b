/// The shell's slash commands.
public enum ShellCommand: Sendable, Equatable {
    case help
    case use(String)
    /// `/specialists [WORD…]`: the roster, or what in it matches every word.
    case specialists(matching: [String])
    case retry
    case new
    case sessions
    case resume(String)
    case save(path: String)
    case edit
    case transport
    case status
    case team(String)
    case copy(block: Int?)
    /// `/thinking`: show a reasoning model's thinking (true), hide it (false), or switch (nil).
    case thinking(Bool?)
    case clear
    case quit

    /// The commands' names, as typed after the slash.
    public enum Name: String, Sendable, CaseIterable {
        case help, use, specialists, retry, new, sessions, resume, save, edit, transport, status, team, copy,
            thinking, clear, quit
        case mention = "@"

        /// One line of help for `/help`.
        public var summary: String {
            switch self {
            case .help: "/help                 this list"
            case .use: "/use NAME             talk to NAME from now on (/use @CAPABILITY: the best for it)"
            case .specialists: "/specialists [WORD]   list the specialists (those matching every WORD)"
            case .retry: "/retry                ask the last question again"
            case .new: "/new                  start a new conversation (a new session)"
            case .sessions: "/sessions             the recent sessions, newest first"
            case .resume: "/resume ID            continue a stored session (a short id prefix will do)"
            case .save: "/save FILE            write this conversation to FILE as Markdown"
            case .edit: "/edit                 compose a message in $EDITOR (also Ctrl-X Ctrl-E)"
            case .transport: "/transport            which transport is in use, and why"
            case .status: "/status               server, specialist, transport, last reply"
            case .team: "/team MESSAGE         every healthy specialist answers (Tekton's team chat)"
            case .copy: "/copy [N]             the last reply (or its Nth code block) to the clipboard"
            case .thinking: "/thinking show|hide   a reasoning model's thinking before its answer (alone: switch)"
            case .clear: "/clear                clear the screen"
            case .quit: "/quit, /exit          leave (Ctrl-D does too)"
            case .mention:
                "@NAME MESSAGE         one message to NAME (or the best for capability NAME), without switching\n\"\"\"  …  \"\"\"           a multi-line message (or end lines with \\)"
            }
        }
    }

    /// Other words accepted for a command.
    static let aliases: [String: Name] = ["exit": .quit, "q": .quit, "?": .help, "h": .help]

    /// Every word the shell completes after a slash.
    public static var completions: [String] {
        (Name.allCases.filter { $0 != .mention }.map(\.rawValue) + aliases.keys.filter { $0.count > 1 }).sorted()
    }

    static func make(_ name: Name, argument: String) -> ShellInput {
        switch name {
        case .help: return .command(.help)
        case .use:
            return argument.isEmpty
                ? .badUsage(.use, usage: "/use NAME, for example /use athena") : .command(.use(argument))
        case .specialists:
            return .command(.specialists(matching: argument.split(separator: " ").map(String.init)))
        case .retry: return .command(.retry)
        case .new: return .command(.new)
        case .sessions: return .command(.sessions)
        case .resume:
            return argument.isEmpty
                ? .badUsage(.resume, usage: "/resume ID; /sessions lists them") : .command(.resume(argument))
        case .save:
            return argument.isEmpty
                ? .badUsage(.save, usage: "/save FILE, for example /save review.md") : .command(.save(path: argument))
        case .edit: return .command(.edit)
        case .transport: return .command(.transport)
        case .status: return .command(.status)
        case .copy:
            if argument.isEmpty { return .command(.copy(block: nil)) }
            guard let number = Int(argument), number >= 1 else {
                return .badUsage(.copy, usage: "/copy, or /copy N for the last reply's Nth code block, as in /copy 1")
            }
            return .command(.copy(block: number))
        case .team:
            return argument.isEmpty
                ? .badUsage(.team, usage: "/team MESSAGE, for example /team what should we build next?")
                : .command(.team(argument))
        case .thinking:
            switch argument.lowercased() {
            case "": return .command(.thinking(nil))
            case "show", "on": return .command(.thinking(true))
            case "hide", "off": return .command(.thinking(false))
            default: return .badUsage(.thinking, usage: "/thinking show, /thinking hide, or /thinking alone to switch")
            }
        case .clear: return .command(.clear)
        case .quit: return .command(.quit)
        case .mention: return .badUsage(.mention, usage: Name.mention.summary)
        }
    }

    /// The closest command to `word`, when one is close enough to be a typo.
    static func suggestion(for word: String) -> String? {
        let candidates = completions
        if let prefixed = candidates.first(where: { $0.hasPrefix(word) && !word.isEmpty }) { return prefixed }
        let scored = candidates.map { ($0, EditDistance.between(word, $0)) }.min { $0.1 < $1.1 }
        guard let best = scored, best.1 <= max(1, word.count / 3) else { return nil }
        return best.0
    }
}
