/// The checks of a plan that look at several operations together: ids, the
/// dependency graph and placeholders. Pure; no I/O.
enum BulkPlanChecks {
    /// The longest id accepted.
    static let maxIDLength = 64

    /// Whether `id` is usable as an operation id (and so as a file name for `--output`).
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= maxIDLength && !id.hasPrefix(".") && id.allSatisfy(isIDCharacter)
    }

    /// Letters and digits (ASCII), `_`, `-` and `.`.
    static func isIDCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "_-.".contains(character))
    }

    /// Duplicate ids, unknown and self dependencies, placeholders not in
    /// `depends_on`, and cycles, each naming the operation. Linear in the plan's
    /// size: ids are looked up in a set, and "did you mean" is worked out for at
    /// most ``Suggestions/budget`` distinct unknown names.
    static func graphProblems(_ operations: [BulkOperation]) -> [BulkPlanProblem] {
        var problems: [BulkPlanProblem] = []
        var firstPosition: [String: Int] = [:]
        for (position, operation) in operations.enumerated() where isValidID(operation.id) {
            if let first = firstPosition[operation.id] {
                problems.append(
                    BulkPlanProblem(
                        operation.id,
                        "the id is used again by operation #\(position + 1) (first by #\(first + 1)); ids must be unique"
                    ))
            } else {
                firstPosition[operation.id] = position
            }
        }
        var suggestions = Suggestions(ids: operations.map(\.id).filter(isValidID))
        for operation in operations where isValidID(operation.id) {
            problems += dependencyProblems(of: operation, suggestions: &suggestions)
            problems += placeholderProblems(of: operation, suggestions: &suggestions)
        }
        if operations.count <= 10 * BulkPlan.maxOperations {
            let graph = BulkGraph(operations)
            for cycle in graph.cycles() {
                let path = cycle.map { graph.ids[$0] }
                problems.append(
                    BulkPlanProblem(
                        path[0],
                        "the dependencies go round in a cycle, \(path.joined(separator: " → ")) "
                            + "(each depends on the next); remove one of these dependencies"
                    ))
            }
        }
        return problems
    }

    private static func dependencyProblems(of operation: BulkOperation, suggestions: inout Suggestions)
        -> [BulkPlanProblem]
    {
        operation.dependsOn.compactMap { dependency in
            if dependency == operation.id {
                return BulkPlanProblem(operation.id, "depends on itself; remove \"\(dependency)\" from depends_on")
            }
            guard !suggestions.known.contains(dependency) else { return nil }
            return BulkPlanProblem(
                operation.id,
                "depends on '\(dependency)', which is no operation of this plan\(suggestions.hint(for: dependency, excluding: operation.id))"
            )
        }
    }

    private static func placeholderProblems(of operation: BulkOperation, suggestions: inout Suggestions)
        -> [BulkPlanProblem]
    {
        let dependencies = Set(operation.dependsOn)
        return BulkPlaceholders.names(in: operation.message).compactMap { name in
            if suggestions.known.contains(name) {
                guard !dependencies.contains(name), name != operation.id else {
                    return name == operation.id
                        ? BulkPlanProblem(operation.id, "the message uses {\(name)}, its own response")
                        : nil
                }
                return BulkPlanProblem(
                    operation.id,
                    "the message uses {\(name)} but depends_on does not list \(name); add \"\(name)\" to depends_on")
            }
            guard BulkPlaceholders.looksLikeOperation(name) else { return nil }
            return BulkPlanProblem(
                operation.id,
                "the message uses {\(name)}, but there is no operation \(name)\(suggestions.hint(for: name, excluding: operation.id))"
            )
        }
    }

    /// "Did you mean" for unknown names, remembered per name and worked out for at
    /// most `budget` distinct names, so a plan naming thousands of unknown
    /// operations costs no more than one naming a hundred.
    struct Suggestions {
        /// The most distinct names given suggestions.
        static let budget = 100

        let ids: [String]
        let known: Set<String>
        private var closeIDs: [String: [String]] = [:]

        init(ids: [String]) {
            self.ids = ids
            self.known = Set(ids)
        }

        /// `; did you mean a, b?` for ids close to `name` other than `own` (the operation
        /// that names it: depending on itself is no fix), or nothing.
        mutating func hint(for name: String, excluding own: String) -> String {
            let close: [String]
            if let remembered = closeIDs[name] {
                close = remembered
            } else {
                // An id is at most 64 characters, so a much longer name is close to none.
                guard closeIDs.count < Self.budget, name.count <= 2 * BulkPlanChecks.maxIDLength else { return "" }
                close = ids.filter { EditDistance.between(name, $0) <= max(1, name.count / 4) }
                closeIDs[name] = close
            }
            let shown = close.filter { $0 != own }.prefix(3)
            return shown.isEmpty ? "" : "; did you mean \(shown.joined(separator: ", "))?"
        }
    }
}
