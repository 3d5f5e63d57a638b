import AishKit

/// The exit statuses of `aish bulk`, beside aish's common ones (documented in
/// `aish bulk --help`, the man page and the README).
enum BulkExitStatus {
    /// Every operation succeeded.
    static let completed: Int32 = 0
    /// Some operations succeeded, others failed or were skipped.
    static let partial: Int32 = 2
    /// No operation succeeded.
    static let failed: Int32 = 3
    /// The plan is invalid (syntax, fields, graph, specialists); nothing ran.
    static let invalidPlan: Int32 = 4
    /// The plan file cannot be read (EX_NOINPUT).
    static let unreadablePlan: Int32 = 66
    /// Ctrl-C stopped the run; the finished results were still written.
    static let interrupted: Int32 = 130

    /// The status for a run's result.
    static func of(_ result: BulkRunResult) -> Int32 {
        if result.interrupted { return interrupted }
        switch result.status {
        case .completed: return completed
        case .partial: return partial
        case .failed: return failed
        }
    }

    /// The text for `--help`.
    static let help = """
        Exit status: 0 every operation succeeded; 2 partial success (some operations \
        failed or were skipped); 3 every operation failed; 4 the plan is invalid \
        (nothing ran; each problem is listed); 66 the plan file cannot be read; 130 \
        interrupted by Ctrl-C (finished results are still written). Otherwise as for \
        aish: 64 bad usage, 65 unreadable server answer, 69 server unreachable.
        """
}

/// A plan file that cannot be read.
struct PlanFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String

    var description: String {
        "cannot read the plan file '\(path)' (\(reason)). Give the path of a JSON plan, or - to read it from standard input."
    }
}
