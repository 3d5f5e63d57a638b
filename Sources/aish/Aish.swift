import AishKit
import ArgumentParser
import Logging

/// The `aish` command: `aish apollo "message"` is `aish chat apollo "message"`.
@main
struct Aish: AsyncParsableCommand {
    static let version = "0.1.0"

    /// The plain configuration, or the one that spares the parsing of a command line
    /// the search for a completion-script request (``CompletionScriptCheck``).
    static var configuration: CommandConfiguration {
        CompletionScriptCheck.isSkipped ? withoutCompletionCheck : plainConfiguration
    }

    private static let withoutCompletionCheck = {
        var configuration = plainConfiguration
        configuration._superCommandName = ""
        return configuration
    }()

    private static let plainConfiguration = CommandConfiguration(
        commandName: "aish",
        abstract: "A terminal shell for Tekton's AI specialists.",
        discussion: """
            `aish SPECIALIST MESSAGE...` sends MESSAGE to SPECIALIST and streams the reply; \
            it is short for `aish chat SPECIALIST MESSAGE...`. `aish @CAPABILITY MESSAGE...` \
            sends it to the best specialist for CAPABILITY (see `aish discover`) and names \
            that specialist on standard error. When standard input is not a \
            terminal it is read whole and sent after the message words, separated by a \
            blank line.

            Connection and output options (--url, --token, --token-file, --cacert, \
            --transport, -v, --db, --mock) may come before or after a subcommand, as in \
            git: `aish --url URL bulk plan.json` is `aish bulk plan.json --url URL`.

            Exit status: 0 success; 1 the specialist answered with an error or the reply \
            was cut off; 64 bad usage or input (empty message, bad option value); 65 the \
            server sent something aish cannot read; 67 unknown or ambiguous specialist, \
            capability or session; 69 server unreachable (or no secure connection to it), specialist unavailable, no \
            active specialist for a capability, or still rate limited after retries; 74 \
            the session database is damaged or cannot be written, or the output cannot be written; 75 the session key \
            changed while aish ran; 77 the server needs a token or refused it; 78 the \
            session key or token file is missing, wrong or readable by others, or a \
            setting (config.yaml, AISH_*) is bad; 130 interrupted (Ctrl-C), 143 and 129 ended by \
            SIGTERM and SIGHUP, the reply so far saved first. `aish bulk` adds (see \
            `aish bulk --help`): 2 partial success; 3 every operation failed; 4 invalid \
            plan; 66 unreadable plan file.
            """,
        version: version,
        subcommands: [
            ChatCommand.self, SpecialistsCommand.self, DiscoverCommand.self, SessionsCommand.self, BulkCommand.self,
            TeamCommand.self, StatusCommand.self, ConfigCommand.self, LoginCommand.self, LogoutCommand.self,
            MockCommand.self,
        ],
        defaultSubcommand: ChatCommand.self
    )

    /// Logs go to standard error, so standard output carries only what was asked for.
    /// Errors of the command line read like every other error (`aish: error: …`, then
    /// the usage), not in the argument parser's own `Error: …` form.
    static func main() async {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let subcommands = Set(configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases })
        let typed = Array(CommandLine.arguments.dropFirst())
        let protected = DashedWords.protecting(typed)
        let arguments = GlobalOptionOrder.reordered(
            protected, subcommands: subcommands,
            valued: ["--url", "--token", "--token-file", "--cacert", "--transport", "--db", "--color"],
            flags: ["-v", "--verbose", "--mock", "--mock-rhetor"])
        do {
            var command = try CompletionScriptCheck.parsing(arguments) { try parseAsRoot(arguments) }
            // Before the command starts its threads (help and the version start none).
            ZeroedData.mapWritable()
            // Only when a word was marked: the cast costs a one-shot a lookup of conformances.
            if protected != typed, var restoring = command as? any RestoresDashedWords {
                restoring.restoreDashedWords()
                command = restoring
            }
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            // Help, the version and completion scripts go out as the parser writes them.
            guard code != .success, message.hasPrefix("Error: ") else { exit(withError: error) }
            let text = message.dropFirst("Error: ".count)
            _ = try? FileDescriptorSink.standardError.write("aish: error: \(text)\n")
            if arguments.contains("--json") || arguments.contains("--jsonl") {
                let first = text.prefix { $0 != "\n" }
                let object = ErrorJSON(code: "invalid_argument", message: String(first), exitCode: code.rawValue)
                _ = try? FileDescriptorSink.standardOutput.write(object.encoded() + "\n")
            }
            exit(withError: ExitCode(code.rawValue))
        }
    }
}
