import ArgumentParser
import Synchronization

/// Spares a command line that cannot be asking for a completion script the argument
/// parser's search for one.
///
/// Before it parses a command line, ArgumentParser 1.8 parses all of it twice more, as
/// its two `--generate-completion-script` commands, unless the root command names a
/// super-command (`_superCommandName`). That search is reflection over types the run
/// never uses again; without it a one-shot chat took 0.4–1.6 ms less (BENCHMARKS.md,
/// sixteenth session).
///
/// So while a command line without that flag is parsed, the root names an empty
/// super-command, and only then. Help, usage lines and errors, which the parser
/// writes after parsing, see the plain configuration.
enum CompletionScriptCheck {
    private static let skipping = Atomic(false)

    /// Whether the command line being parsed is spared the search.
    static var isSkipped: Bool { skipping.load(ordering: .relaxed) }

    /// `parse`'s result, with the search skipped when `arguments` do not hold the flag.
    static func parsing<T>(_ arguments: [String], _ parse: () throws -> sending T) rethrows -> sending T {
        let asks = arguments.contains { $0.hasPrefix("--generate-completion-script") }
        skipping.store(!asks, ordering: .relaxed)
        defer { skipping.store(false, ordering: .relaxed) }
        return try parse()
    }
}
