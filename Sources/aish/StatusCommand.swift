import AishKit
import ArgumentParser
import Foundation

/// `aish status`: is the server usable, how, and where aish keeps its things.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Check the server and show how aish would talk to it.",
        discussion: """
            Shows the server URL, whether it answers and how fast, its version and \
            features, the transport aish would choose and why, whether the token is \
            accepted, and the session database and key. The server is always asked \
            afresh. Exits 69 when the server cannot be reached, 77 when it refuses \
            the token or needs one, 0 otherwise.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var storeOptions: SessionStoreOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        do {
            let tokenSource = try await connection.resolvedToken()?.source
            let forced = connection.forcedTransport(try await Settings.current())
            let probe = try await connection.withClient { client in await client.probe(forcedTransport: forced) }
            let local = LocalState(location: storeOptions.location, environment: Platform.process.environment)
            let report = StatusReport(probe: probe, tokenSource: tokenSource, local: local)
            try FileDescriptorSink.standardOutput.write(json ? report.json() : report.table())
            if let failure = probe.failure {
                throw ExitCode(failure.exitCode)
            }
            if !probe.isUsable { throw ExitCode(AishError.unauthorized(url: probe.url, hasToken: false).exitCode) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw ErrorReporter.report(error, json: json)
        }
    }
}
