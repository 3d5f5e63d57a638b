import AishKit
import ArgumentParser
import Foundation

/// `aish specialists`: the server's roster.
struct SpecialistsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specialists",
        abstract: "List the specialists the server knows, with status and capabilities.",
        discussion: """
            With words, only the specialists and models whose id, name, category or a \
            capability contains every one of them, ignoring case (`aish specialists qwen`, \
            `aish specialists local/`); exit status 1 when none does.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(
        help: ArgumentHelp("Words to look for (all of them must appear).", valueName: "word"),
        completion: .specialists)
    var words: [String] = []

    @Flag(help: "Print JSON (an array of specialists) instead of a table.")
    var json = false

    /// Not an option of this command: `discover` ranks by capability; said when typed.
    @Option(help: .hidden) var capability: String?

    func validate() throws {
        if let capability {
            throw ValidationError(
                "aish specialists lists every specialist and takes no --capability; to find the specialists "
                    + "for a capability, best first, run `aish discover --capability \(capability)`.")
        }
    }

    func run() async throws {
        let (matching, total): ([Specialist], Int)
        do {
            let roster = try await connection.withServer { server in try await server.specialists() }
            (matching, total) = (roster.filter { $0.matches(all: words) }, roster.count)
            let stdout = FileDescriptorSink.standardOutput
            if json {
                try stdout.write((PrettyJSON.text(matching) ?? "[]") + "\n")
            } else if !matching.isEmpty {
                try stdout.write(
                    SpecialistTable.render(matching, width: stdout.isTerminal ? TerminalSize.columns() : nil))
            }
        } catch {
            throw ErrorReporter.report(error, json: json)
        }
        if matching.isEmpty, !words.isEmpty {
            if !json {
                let asked = words.map { "“\($0)”" }.joined(separator: " and ")
                try? FileDescriptorSink.standardError.write(
                    "aish: no specialist or model matches \(asked) (of \(total)); "
                        + "`aish specialists` lists them all.\n")
            }
            throw ExitCode(1)
        }
    }
}
