/// One thing wrong with a plan, naming where: an operation, a position in the file,
/// or the plan as a whole.
public struct BulkPlanProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is: `op2`, `operation #3` (when it has no usable id),
    /// `line 4, column 12`, or `plan`.
    public var location: String
    /// What is wrong, and how to fix it.
    public var message: String

    /// Creates a problem.
    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `location: message`.
    public var description: String { "\(location): \(message)" }
}

/// A plan that cannot run, with every problem found. Nothing of it was sent.
public struct BulkPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the plan came from, for the message (`plan.json`, `standard input`).
    public var source: String
    /// Every problem, in the order of the file.
    public var problems: [BulkPlanProblem]

    /// Creates the error.
    public init(source: String, problems: [BulkPlanProblem]) {
        self.source = source
        self.problems = problems
    }

    /// The problems, one a line, then how to check a plan without running it.
    public var description: String {
        let count = problems.count == 1 ? "a problem" : "\(problems.count) problems"
        let lines = problems.map { "  \($0)" }.joined(separator: "\n")
        return """
            the plan in \(source) has \(count); nothing was run:
            \(lines)
            Fix the plan and run it again; `aish bulk --check PLAN` checks a plan without running it.
            """
    }
}
