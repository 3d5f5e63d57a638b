import AishKit
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `aish login`: keeps a token in the token file (0600), so no flag or variable
/// has to carry it.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Save a bearer token for the server in the token file (mode 0600).",
        discussion: """
            The token is read from standard input: typed at a prompt that does not \
            echo it, or piped (`aish login < token.txt`). It is then tried on the \
            server (--url or AISH_URL) and saved to --token-file, AISH_TOKEN_FILE or \
            ~/.config/aish/token. Use --no-verify to save it without asking the server.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(name: .customLong("no-verify"), help: "Save the token without trying it on the server first.")
    var noVerify = false

    func run() async throws {
        do {
            let environment = Platform.process.environment
            let path = TokenStore.filePath(
                option: connection.tokenFile, configured: try await Settings.current().tokenFile,
                environment: environment)
            let token = try TokenStore.validated(try Self.readToken(), source: "standard input")
            if !noVerify {
                let probe = try await connection.withClient(token: token) { client in await client.probe() }
                if let failure = probe.failure { throw Unverified(error: failure) }
                if probe.authentication == .refused {
                    throw Unverified(error: AishError.unauthorized(url: probe.url, hasToken: true))
                }
            }
            try TokenStore.save(token, to: path)
            try FileDescriptorSink.standardError.write("aish: token saved to \(path) (mode 0600)\n")
        } catch let unverified as Unverified {
            let exit = ErrorReporter.report(unverified.error)
            if unverified.error.isTektonOutage {
                // The server could not be asked: the token may well be right.
                _ = try? FileDescriptorSink.standardError.write(
                    "aish: the token was not saved; `aish login --no-verify` saves it without asking the server\n")
            } else {
                _ = try? FileDescriptorSink.standardError.write("aish: the token was not saved\n")
            }
            throw exit
        } catch {
            throw ErrorReporter.report(error)
        }
    }

    /// The server's answer to the token, or that it could not be asked: nothing is saved.
    private struct Unverified: Error {
        let error: AishError
    }

    /// The token from standard input; at a terminal, prompted for without echo.
    private static func readToken() throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            return try MessageInput.read()
        }
        try FileDescriptorSink.standardError.write("Token: ")
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            try? FileDescriptorSink.standardError.write("\n")
        }
        return readLine(strippingNewline: true) ?? ""
    }
}

/// `aish logout`: deletes the token file.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Delete the saved token file."
    )

    @Option(help: ArgumentHelp("The token file (or AISH_TOKEN_FILE; default ~/.config/aish/token).", valueName: "path"))
    var tokenFile: String?

    func run() async throws {
        do {
            let configured = try await Settings.current().tokenFile
            let path = TokenStore.filePath(
                option: tokenFile, configured: configured, environment: Platform.process.environment)
            let removed = TokenStore.remove(path)
            try FileDescriptorSink.standardError.write(
                removed ? "aish: deleted the token file \(path)\n" : "aish: no token file at \(path); nothing to do\n")
        } catch {
            throw ErrorReporter.report(error)
        }
    }
}
