import Foundation

/// The process's environment, read in one place, as swift-argument-parser's
/// `Platform`. The clock (``AishClock``) and the terminal's size (``TerminalSize``)
/// are passed where they are needed. Tests make a platform of their own.
public struct Platform: Sendable {
    /// The environment variables.
    public var environment: [String: String]

    /// Surroundings made up for a test.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// This process's surroundings: the only place aish reads its environment.
    ///
    /// Read once: aish never changes its own environment, and each read of
    /// `ProcessInfo.environment` builds the whole dictionary again (~0.4 M
    /// instructions; a one-shot chat asked eleven times).
    public static let process = Platform(environment: ProcessInfo.processInfo.environment)

    /// The variable `name`, or nil when it is unset or empty.
    public func variable(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The user's home folder: `$HOME`, else the password database's.
    public var home: String {
        HomeFolder.path(environment: environment)
    }
}
