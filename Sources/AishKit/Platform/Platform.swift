import Foundation

/// The process's surroundings, read in one place, as swift-argument-parser's
/// `Platform`: the environment variables, the terminal's size and the clock. The
/// executable takes ``process`` once and hands it down; tests make their own.
public struct Platform: Sendable {
    /// The environment variables.
    public var environment: [String: String]
    /// The clock.
    public var clock: any AishClock
    /// The width in columns of the terminal on a file descriptor (80 when unknown).
    public var columns: @Sendable (Int32) -> Int

    /// Surroundings made up for a test.
    public init(
        environment: [String: String], clock: any AishClock = SystemClock(),
        columns: @escaping @Sendable (Int32) -> Int = { _ in 80 }
    ) {
        self.environment = environment
        self.clock = clock
        self.columns = columns
    }

    /// This process's surroundings: the only place aish reads its environment.
    public static var process: Platform {
        Platform(
            environment: ProcessInfo.processInfo.environment, clock: SystemClock(),
            columns: { TerminalSize.columns(of: $0) })
    }

    /// The variable `name`, or nil when it is unset or empty.
    public func variable(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The user's home folder: `$HOME`, else the password database's.
    public var home: String {
        variable("HOME") ?? NSHomeDirectory()
    }
}
