/// Connection and output options written before a subcommand, as in git:
/// `aish --url URL bulk plan.json` is `aish bulk plan.json --url URL`.
public enum GlobalOptionOrder {
    /// `arguments` (without the program name) with the leading options of `valued`
    /// (each with its value, or as `--name=value`) and `flags` moved after the
    /// subcommand's own arguments (before a `--`), when the first word after them is
    /// one of `subcommands`. Anything else is returned unchanged: an unknown leading
    /// option, or a first word that is no subcommand (a chat, `aish --url URL apollo
    /// hi`, which parses as it is).
    public static func reordered(
        _ arguments: [String], subcommands: Set<String>, valued: Set<String>, flags: Set<String>
    ) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if flags.contains(word) {
                leading.append(word)
                index += 1
            } else if valued.contains(name), word.contains("=") {
                leading.append(word)
                index += 1
            } else if valued.contains(word), index + 1 < arguments.count {
                leading += [word, arguments[index + 1]]
                index += 2
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count, subcommands.contains(arguments[index]) else {
            return arguments
        }
        var rest = Array(arguments[index...])
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: leading, at: end)
        return rest
    }
}
