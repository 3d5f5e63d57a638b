import AishKit
import ArgumentParser
import Foundation

/// `aish status`: is the server usable, how, and where aish keeps its things.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Check the server and show how aish would talk to it.",
        discussion: """
            Shows the server URL, whether it answers and how fast, what it is (Tekton, \
            an OpenAI-compatible API, with what to put in config.yaml to use it, or \
            neither), its version and features, the transport aish would choose and \
            why, whether the token is accepted, each configured provider and its \
            models, and the session database and key. The server is always asked \
            afresh. Exits 69 when the server cannot be reached or is not Tekton, 77 \
            when it refuses the token or needs one, 0 otherwise.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var storeOptions: SessionStoreOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        do {
            let tokenSource = try await connection.resolvedToken()?.source
            let settings = try await Settings.current()
            let forced = connection.forcedTransport(settings)
            let connection = self.connection
            let (probe, providers) = try await connection.withClient { client in
                let configured = try connection.providers(settings, beside: client)
                async let probe = client.probe(forcedTransport: forced)
                async let providers = configured.concurrentMap { await $0.probe() }
                return await (probe, providers)
            }
            var local = LocalState(location: storeOptions.location, environment: Platform.process.environment)
            if let url = try await storeOptions.postgres() {
                local.use(url, location: storeOptions.location, environment: Platform.process.environment)
                await local.check(
                    url, location: storeOptions.location, environment: Platform.process.environment,
                    home: Platform.process.home)
            }
            var report = StatusReport(probe: probe, tokenSource: tokenSource, local: local)
            report.providers = providers
            if case .notTekton? = probe.failure {
                // The key goes only where it was given for: AISH_PROVIDER_URL's server.
                let environment = Platform.process.environment
                let key = OpenAIProbe.key(
                    for: probe.url, providerURL: environment["AISH_PROVIDER_URL"],
                    providerKey: environment["AISH_PROVIDER_KEY"])
                let found = await OpenAIProbe.find(at: probe.url, apiKey: key)
                report.elsewhere = (found.baseURL, found.probe, key != nil)
            }
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
