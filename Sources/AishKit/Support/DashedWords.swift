/// Words of the command line that start with a dash but cannot be options: a quoted
/// message such as `"- what does -h do?"`.
///
/// ArgumentParser reads a word that starts with one dash as one-letter flags, every
/// letter of it, so `aish apollo "- list the steps"` printed the help (the `h` of
/// "the") instead of sending the message, and `"--why not"` was an unknown option.
/// An option never holds a blank before its `=`, so a word that does is a value:
/// ``protecting(_:)`` marks such words before parsing (they then parse as values)
/// and ``restored(_:)`` takes the mark off where a command reads them.
public enum DashedWords {
    /// The mark: a private-use character, which nothing a user types begins with.
    static let mark: Character = "\u{E000}"

    /// `arguments` with every word that starts with a dash and holds a blank (before
    /// any `=`) marked; words after a `--` are values already and stay as they are.
    public static func protecting(_ arguments: [String]) -> [String] {
        var terminated = false
        return arguments.map { word in
            if word == "--" { terminated = true }
            guard !terminated, word.hasPrefix("-"),
                word.prefix(while: { $0 != "=" }).contains(where: \.isWhitespace)
            else { return word }
            return String(mark) + word
        }
    }

    /// `word` without the mark of ``protecting(_:)``.
    public static func restored(_ word: String) -> String {
        word.first == mark ? String(word.dropFirst()) : word
    }
}
