import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where aish's bearer token comes from (PROTOCOL.md §8), best first: `--token`,
/// `AISH_TOKEN`, the file `--token-file` or `AISH_TOKEN_FILE` names, else the token
/// file `$XDG_CONFIG_HOME/aish/token` (`~/.config/aish/token`) when it exists.
///
/// The file is created 0600 by ``save(_:to:)`` (`aish login`) and refused when group
/// or others may read it. A token is never printed, logged or put in an error.
public enum TokenStore {
    /// Where a token was found, for `aish status` and error messages.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// The `--token` option.
        case option
        /// The `AISH_TOKEN` variable.
        case environment
        /// A token file.
        case file(String)

        public var description: String {
            switch self {
            case .option: "--token"
            case .environment: "AISH_TOKEN"
            case .file(let path): path
            }
        }
    }

    /// A token and where it came from; its description never shows the token.
    public struct Resolved: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
        /// The token itself.
        public let token: String
        /// Where it came from.
        public let source: Source

        public var description: String { "token from \(source)" }
        public var customMirror: Mirror { Mirror(self, children: ["source": source]) }
    }

    /// The warning for a token given as a command-line argument, which every user
    /// of the machine can read (`ps`, `/proc/PID/cmdline`); `instead` names the
    /// safer ways.
    public static func commandLineWarning(option: String = "--token", instead: String) -> String {
        "a token given with \(option) can be read by every user of this machine (ps, /proc/PID/cmdline); "
            + "use \(instead) instead"
    }

    /// The default token file: `$XDG_CONFIG_HOME/aish/token`, or `~/.config/aish/token`.
    public static func defaultPath(environment: [String: String], home: String? = nil) -> String {
        let home = home ?? HomeFolder.path(environment: environment)
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".config")
        return (config as NSString).appendingPathComponent("aish/token")
    }

    /// The token file to use: `--token-file`, else `AISH_TOKEN_FILE`, else
    /// `configured` (`token_file` in config.yaml), else the default.
    public static func filePath(option: String?, configured: String? = nil, environment: [String: String]) -> String {
        let chosen =
            option.flatMap { $0.isEmpty ? nil : $0 } ?? environment["AISH_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? configured.flatMap { $0.isEmpty ? nil : $0 }
        return chosen.map { HomeFolder.expandingTilde(in: $0, environment: environment) }
            ?? defaultPath(environment: environment)
    }

    /// The token to send, if any.
    ///
    /// - Parameters:
    ///   - option: the `--token` value.
    ///   - fileOption: the `--token-file` value; a file named by it or by
    ///     `AISH_TOKEN_FILE` must exist.
    ///   - configuredFile: `token_file` in config.yaml; like the default file, when it
    ///     does not exist there is no token (the README's sample config names it).
    ///   - environment: the process environment.
    /// - Throws: ``AishError/invalidToken(source:reason:)`` for an empty or malformed
    ///   token, ``AishError/tokenFileUnsafe(path:mode:)`` for a file others may read,
    ///   ``AishError/tokenFileUnreadable(path:reason:)`` when it cannot be read.
    public static func resolve(
        option: String?, fileOption: String?, configuredFile: String? = nil, environment: [String: String]
    ) throws(AishError) -> Resolved? {
        if let option {
            return Resolved(token: try validated(option, source: Source.option.description), source: .option)
        }
        if let variable = environment["AISH_TOKEN"], !variable.isEmpty {
            return Resolved(
                token: try validated(variable, source: Source.environment.description), source: .environment)
        }
        let named = fileOption != nil || environment["AISH_TOKEN_FILE"].map { !$0.isEmpty } == true
        let path = filePath(option: fileOption, configured: configuredFile, environment: environment)
        guard let token = try read(path) else {
            if named { throw AishError.tokenFileUnreadable(path: path, reason: "it does not exist") }
            return nil
        }
        return Resolved(token: token, source: .file(path))
    }

    /// The token in the file at `path`, or nil when there is no such file.
    public static func read(_ path: String) throws(AishError) -> String? {
        let mode: mode_t?
        do {
            mode = try PrivateFile.mode(path)
        } catch {
            throw AishError.tokenFileUnreadable(path: path, reason: String(cString: strerror(error.code)))
        }
        guard let mode else { return nil }
        guard mode & 0o077 == 0 else { throw AishError.tokenFileUnsafe(path: path, mode: PrivateFile.octal(mode)) }
        let data: Data?
        do {
            data = try PrivateFile.read(path)
        } catch {
            throw AishError.tokenFileUnreadable(path: path, reason: String(cString: strerror(error.code)))
        }
        guard let data, let text = String(data: data, encoding: .utf8) else {
            throw AishError.tokenFileUnreadable(path: path, reason: "it is not UTF-8 text")
        }
        return try validated(text, source: path)
    }

    /// Writes `token` to `path` (0600, in a 0700 folder), replacing the file in one
    /// step, so no other process ever sees a partial or readable token.
    public static func save(_ token: String, to path: String) throws(AishError) {
        let token = try validated(token, source: "the token to save")
        do {
            try PrivateFile.replaceAtomically(path, contents: Data((token + "\n").utf8))
        } catch {
            throw AishError.tokenFileUnreadable(path: path, reason: error.description)
        }
    }

    /// Deletes the token file; false when there was none.
    @discardableResult
    public static func remove(_ path: String) -> Bool {
        guard (try? PrivateFile.mode(path)) != nil else { return false }
        PrivateFile.remove(path)
        return true
    }

    /// The token without surrounding blanks; it must be printable ASCII with no
    /// spaces. `source` names where it came from, for the error.
    public static func validated(_ raw: String, source: String) throws(AishError) -> String {
        let token = raw.trimmingWhitespaceAndNewlines()
        guard !token.isEmpty else { throw AishError.invalidToken(source: source, reason: "it is empty") }
        guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw AishError.invalidToken(
                source: source, reason: "it must be one word of printable ASCII, with no spaces inside")
        }
        return token
    }
}
