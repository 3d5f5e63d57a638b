import Foundation

/// The `--json` form of a failure, one object on standard output:
/// `{"error": {"code", "message", "exit_code"}}`, where `code` is a stable name for
/// the kind of error (``AishError/code``), `message` what `aish: error:` says on
/// standard error, and `exit_code` the process's exit status. A reply's
/// ``ReplyJSON`` carries the same `error` object when the reply failed.
public struct ErrorJSON: Encodable, Sendable {
    /// What went wrong.
    public struct Failure: Encodable, Sendable {
        public var code: String
        public var message: String
        public var exitCode: Int32
    }

    public var error: Failure

    /// The object for `error`.
    public init(_ error: any Error) {
        self.error = Self.failure(error)
    }

    /// The object for a failure described by hand (a bulk plan, the command line).
    public init(code: String, message: String, exitCode: Int32) {
        error = Failure(code: code, message: message, exitCode: exitCode)
    }

    /// The `error` member for `error`.
    static func failure(_ error: any Error) -> Failure {
        switch error {
        case let error as AishError:
            Failure(code: error.code, message: error.description, exitCode: error.exitCode)
        case let error as SessionStoreError:
            Failure(code: error.code, message: error.description, exitCode: error.exitCode)
        case is CancellationError:
            Failure(code: "stopped", message: "stopped by Ctrl-C", exitCode: 130)
        default:
            Failure(code: "failed", message: String(describing: error), exitCode: 1)
        }
    }

    /// One line of JSON, keys sorted.
    public func encoded() -> String { Self.line(self) }

    /// `value` as one line of JSON: snake_case keys, sorted; `{}` if it cannot be encoded.
    static func line(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// An error whose `--json` object is already on standard output (the reply's
/// ``ReplyJSON`` carries it): report it on standard error only.
public struct WrittenAsJSON: Error, Sendable {
    /// The error itself.
    public var error: any Error
}
