/// One line typed at the shell's prompt, understood.
public enum ShellInput: Sendable, Equatable {
    /// Nothing but whitespace.
    case empty
    /// A message for the current specialist.
    case message(String)
    /// `@name message`: one message for another specialist, without switching.
    case mention(specialist: String, message: String)
    /// A slash command.
    case command(ShellCommand)
    /// `/something` that is not a command; `suggestion` is the closest one.
    case unknownCommand(String, suggestion: String?)
    /// A known command used wrongly; `usage` says how to use it.
    case badUsage(ShellCommand.Name, usage: String)

    /// Reads one line. A line starting with `//` is a message that starts with `/`.
    public static func parse(_ line: String) -> ShellInput {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty { return .empty }
        if trimmed.hasPrefix("//") { return .message(String(trimmed.dropFirst())) }
        if trimmed.hasPrefix("@") {
            let body = trimmed.dropFirst()
            let name = body.prefix { !$0.isWhitespace }
            let message = body.dropFirst(name.count).trimmingWhitespace()
            if name.isEmpty || message.isEmpty {
                return .badUsage(.mention, usage: "@NAME MESSAGE sends one message to NAME")
            }
            return .mention(specialist: String(name), message: message)
        }
        guard trimmed.hasPrefix("/") else { return .message(line) }
        let words = trimmed.dropFirst().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let word = words.first?.lowercased() ?? ""
        let argument = words.dropFirst().joined(separator: " ")
        guard let name = ShellCommand.Name(rawValue: word) ?? ShellCommand.aliases[word] else {
            return .unknownCommand("/" + word, suggestion: ShellCommand.suggestion(for: word).map { "/" + $0 })
        }
        return ShellCommand.make(name, argument: argument)
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
