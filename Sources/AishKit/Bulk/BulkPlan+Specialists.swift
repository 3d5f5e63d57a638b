extension BulkPlan {
    /// Resolves every operation's `ai` against the server's roster.
    ///
    /// - Returns: the plan with each `ai` replaced by the server's id (`apollo` →
    ///   `apollo-ci`).
    /// - Throws: ``BulkPlanError`` naming every operation whose specialist is unknown
    ///   or ambiguous, with close matches.
    public func resolvingSpecialists(with resolver: SpecialistResolver, source: String) throws(BulkPlanError)
        -> BulkPlan
    {
        let (resolved, problems) = resolvingSpecialists(with: resolver)
        guard problems.isEmpty else { throw BulkPlanError(source: source, problems: problems) }
        return resolved
    }

    /// The plan with every `ai` resolved that can be, and a problem for each that
    /// cannot. Operations with no specialist named (already a problem) are left alone.
    public func resolvingSpecialists(with resolver: SpecialistResolver) -> (BulkPlan, [BulkPlanProblem]) {
        var resolved = self
        var problems: [BulkPlanProblem] = []
        for (index, operation) in operations.enumerated() where !operation.ai.allSatisfy(\.isWhitespace) {
            do {
                resolved.operations[index].ai = try resolver.resolve(operation.ai).id
            } catch {
                let location = BulkPlanChecks.isValidID(operation.id) ? operation.id : "operation #\(index + 1)"
                problems.append(BulkPlanProblem(location, Self.describe(error)))
            }
        }
        return (resolved, problems)
    }

    private static func describe(_ error: AishError) -> String {
        switch error {
        case .unknownSpecialist(let name, let suggestions) where suggestions.isEmpty:
            "no specialist named '\(name)' on this server; `aish specialists` lists them"
        case .unknownSpecialist(let name, let suggestions):
            "no specialist named '\(name)'; did you mean \(suggestions.joined(separator: ", "))?"
        case .ambiguousSpecialist(let name, let candidates):
            "'\(name)' matches several specialists (\(candidates.joined(separator: ", "))); use the full id"
        default:
            error.description
        }
    }
}
