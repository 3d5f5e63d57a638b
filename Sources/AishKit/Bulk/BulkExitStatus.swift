/// The exit statuses of `aish bulk`, beside aish's common ones (documented in
/// `aish bulk --help`, the man page and the README).
public enum BulkExitStatus {
    /// Every operation succeeded.
    public static let completed: Int32 = 0
    /// Some operations succeeded, others failed or were skipped.
    public static let partial: Int32 = 2
    /// No operation succeeded.
    public static let failed: Int32 = 3
    /// The plan is invalid (syntax, fields, graph, specialists); nothing ran.
    public static let invalidPlan: Int32 = 4
    /// The plan file cannot be read (EX_NOINPUT).
    public static let unreadablePlan: Int32 = 66
    /// Ctrl-C stopped the run; the finished results were still written.
    public static let interrupted: Int32 = 130

    /// The status for a run's result.
    public static func of(_ result: BulkRunResult) -> Int32 {
        if result.interrupted { return interrupted }
        switch result.status {
        case .completed: return completed
        case .partial: return partial
        case .failed: return failed
        }
    }

    /// The text for `--help`.
    public static let help = """
        Exit status: 0 every operation succeeded; 2 partial success (some operations \
        failed or were skipped); 3 every operation failed; 4 the plan is invalid \
        (nothing ran; each problem is listed); 66 the plan file cannot be read; 130 \
        interrupted by Ctrl-C (finished results are still written). Otherwise as for \
        aish: 64 bad usage, 65 unreadable server answer, 69 server unreachable.
        """
}

/// A plan file that cannot be read.
public struct PlanFileError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    /// The file at `path` cannot be read, for `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "cannot read the plan file '\(path)' (\(reason)). Give the path of a JSON plan, or - to read it from standard input."
    }
}
