import AishKit
import ArgumentParser
import Foundation

/// `aish config`: where the configuration file is, and what is in effect.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in effect, or where the configuration file is.",
        discussion: """
            Settings come from, in order of precedence: command-line flags, AISH_* \
            environment variables, the YAML file $XDG_CONFIG_HOME/aish/config.yaml (or \
            AISH_CONFIG), and defaults. The file's keys: url, token_file, specialist, \
            transport (ws, sse, v1, v1-post), color (auto, always, never), history_size, \
            under session: ttl (such as 30d) and checkpoint_interval (milliseconds), and \
            under timeouts: connect, first_answer and silence (such as 10s or 5m). \
            Each has its variable: AISH_URL, AISH_TOKEN_FILE, AISH_SPECIALIST, \
            AISH_TRANSPORT, AISH_COLOR, AISH_HISTORY_SIZE, AISH_SESSION_TTL, \
            AISH_SESSION_CHECKPOINT_INTERVAL, AISH_TIMEOUTS_CONNECT, \
            AISH_TIMEOUTS_FIRST_ANSWER, AISH_TIMEOUTS_SILENCE.
            """,
        subcommands: [ConfigShowCommand.self, ConfigPathCommand.self],
        defaultSubcommand: ConfigShowCommand.self
    )
}

/// `aish config show`: every setting, its value and where it came from.
struct ConfigShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every setting in effect and where it comes from (the token redacted).")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// Never fails for a bad setting: it shows what it could read, and then each
    /// problem (exit 0), so that it is where a user looks when something is wrong.
    func run() async throws {
        do {
            let environment = Platform.process.environment
            let (settings, problems) = await SettingsLoader.loadReporting(environment: environment)
            var tokenProblem: AishError?
            var token: TokenStore.Resolved?
            do {
                token = try TokenStore.resolve(
                    option: nil, fileOption: nil, configuredFile: settings.tokenFile, environment: environment)
            } catch {
                tokenProblem = error
            }
            let report = SettingsReport(
                settings: settings, path: SettingsLoader.path(environment: environment), token: token,
                environment: environment)
            try FileDescriptorSink.standardOutput.write(json ? report.json() : report.table())
            for problem in problems + [tokenProblem].compactMap({ $0 }) {
                try FileDescriptorSink.standardError.write("aish: problem: \(problem.description)\n")
            }
        } catch {
            throw ErrorReporter.report(error)
        }
    }
}

/// `aish config path`: the configuration file aish reads.
struct ConfigPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "Print the path of the configuration file (it need not exist).")

    func run() throws {
        try FileDescriptorSink.standardOutput.write(
            SettingsLoader.path(environment: Platform.process.environment) + "\n")
    }
}
