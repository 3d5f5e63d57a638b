import AishKit
import ArgumentParser
import Foundation

/// `aish specialists`: the server's roster.
struct SpecialistsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "specialists",
        abstract: "List the specialists the server knows, with status and capabilities."
    )

    @OptionGroup var connection: ConnectionOptions

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
        do {
            let specialists = try await connection.withServer { server in try await server.specialists() }
            let stdout = FileDescriptorSink.standardOutput
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try stdout.write(String(decoding: try encoder.encode(specialists), as: UTF8.self) + "\n")
            } else {
                try stdout.write(
                    SpecialistTable.render(specialists, width: stdout.isTerminal ? TerminalSize.columns() : nil))
            }
        } catch {
            throw ErrorReporter.report(error, json: json)
        }
    }
}
