import AishKit
import ArgumentParser
import Foundation

/// `aish config`: what is in effect, the file in an editor, and where the file is.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the settings in effect, edit the configuration file, or print where it is.",
        discussion: """
            Settings come from, in order of precedence: command-line flags, AISH_* \
            environment variables, the YAML file $XDG_CONFIG_HOME/aish/config.yaml (or \
            AISH_CONFIG), and defaults. The file's keys: url, token_file, specialist, \
            transport (ws, sse, v1, v1-post), color (auto, always, never), thinking (show, \
            hide: a reasoning model's thinking before its answer), history_size, \
            under session: ttl (such as 30d) and checkpoint_interval (milliseconds), and \
            under timeouts: connect, first_answer and silence (such as 10s or 5m). \
            Each has its variable: AISH_URL, AISH_TOKEN_FILE, AISH_SPECIALIST, \
            AISH_TRANSPORT, AISH_COLOR, AISH_THINKING, AISH_HISTORY_SIZE, AISH_SESSION_TTL, \
            AISH_SESSION_CHECKPOINT_INTERVAL, AISH_TIMEOUTS_CONNECT, \
            AISH_TIMEOUTS_FIRST_ANSWER, AISH_TIMEOUTS_SILENCE.
            """,
        subcommands: [ConfigShowCommand.self, ConfigEditCommand.self, ConfigPathCommand.self],
        defaultSubcommand: ConfigShowCommand.self
    )
}

/// `aish config show`: every setting, its value and where it came from.
struct ConfigShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every setting in effect and where it comes from (the token redacted).")

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// Words after `aish config` that name no subcommand (`set url …`, as git's or gh's
    /// config takes), refused with where settings are changed.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var words: [String] = []

    func validate() throws {
        guard let first = words.first else { return }
        throw ValidationError(
            "aish config has no '\(first)'. Change settings with `aish config edit` (the file "
                + "`aish config path` prints) or an AISH_* variable; `aish config show` lists them.")
    }

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

/// `aish config edit`: the configuration file in the user's editor, checked after.
struct ConfigEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Open the configuration file in $VISUAL or $EDITOR, and check it when the editor is done.",
        discussion: """
            A missing file is made first (0600), listing every key commented out with its \
            default, what it takes and its variable. After the editor exits, the file is \
            read as aish reads it: each problem is named with its line (exit 78), and the \
            file stays as it was saved, to be fixed with `aish config edit` again.
            """)

    func run() async throws {
        let environment = Platform.process.environment
        let path = SettingsLoader.path(environment: environment)
        do {
            let made = try ConfigFileTemplate.createIfMissing(at: path)
            if made { try FileDescriptorSink.standardError.write("aish: made \(path), every key commented out\n") }
            try ExternalEditor(environment: environment).edit(path, refusal: "\(path) was not checked")
        } catch {
            throw ErrorReporter.report(error)
        }
        let problems = await SettingsLoader.loadReporting(environment: environment).problems
        guard problems.isEmpty else {
            for problem in problems {
                _ = try? FileDescriptorSink.standardError.write("aish: problem: \(problem.description)\n")
            }
            _ = try? FileDescriptorSink.standardError.write(
                "aish: \(path) is saved as you left it; fix it with `aish config edit`.\n")
            throw ExitCode(78)
        }
        try FileDescriptorSink.standardOutput.write("\(path): fine; `aish config show` lists what is in effect.\n")
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
