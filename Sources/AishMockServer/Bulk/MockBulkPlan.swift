/// A bulk plan as the mock reads it (PROTOCOL.md §5), checked the way a server
/// must: an invalid plan is rejected whole, with 400 naming the operation.
struct MockBulkPlan: Sendable {
    struct Operation: Sendable {
        let id: String
        let specialist: Specialist
        let message: String
        let dependsOn: [String]
        let maxTokens: Int?
        let timeout: Double?
    }

    let operations: [Operation]
    let sequential: Bool
    let timeout: Double?

    /// The most operations a plan may hold.
    static let maxOperations = 100

    /// Reads and checks a request body; throws the first problem found.
    static func parse(_ body: JSONValue) throws(APIError) -> MockBulkPlan {
        guard body.isObject, case .array(let items)? = body[member: "operations"] else {
            throw invalid("The body must be an object with an \"operations\" array.", operation: nil)
        }
        guard !items.isEmpty else { throw invalid("The plan has no operations.", operation: nil) }
        guard items.count <= maxOperations else {
            throw invalid(
                "The plan has \(items.count) operations; at most \(maxOperations) are allowed.", operation: nil)
        }
        let execution = body[member: "execution"]?.stringValue ?? "parallel"
        guard execution == "parallel" || execution == "sequential" else {
            throw invalid("execution must be \"parallel\" or \"sequential\", not '\(execution)'.", operation: nil)
        }
        var operations: [Operation] = []
        for (index, item) in items.enumerated() {
            operations.append(try operation(item, number: index + 1, before: operations))
        }
        try checkReferences(operations)
        if let cycle = MockBulkGraph(operations).cycle() {
            throw invalid(
                "Operation '\(cycle[0])' is in a dependency cycle: \(cycle.joined(separator: " → ")).",
                operation: cycle[0])
        }
        return MockBulkPlan(
            operations: operations, sequential: execution == "sequential",
            timeout: try seconds(body[member: "timeout"], operation: nil))
    }

    private static func operation(_ item: JSONValue, number: Int, before: [Operation]) throws(APIError) -> Operation {
        guard let id = item[member: "id"]?.stringValue, !id.isEmpty else {
            throw invalid("Operation #\(number) has no \"id\".", operation: nil)
        }
        guard !before.contains(where: { $0.id == id }) else {
            throw invalid("Operation id '\(id)' is used more than once.", operation: id)
        }
        guard let ai = item[member: "ai"]?.stringValue, let specialist = Roster.specialist(ai) else {
            let name = item[member: "ai"]?.stringValue ?? ""
            throw invalid("Operation '\(id)' names an unknown specialist '\(name)'.", operation: id)
        }
        guard let message = item[member: "message"]?.stringValue, message.contains(where: { !$0.isWhitespace })
        else { throw invalid("Operation '\(id)' has an empty message.", operation: id) }
        var dependsOn: [String] = []
        if let value = item[member: "depends_on"], value != .null {
            guard case .array(let entries) = value else {
                throw invalid("Operation '\(id)': depends_on must be an array of ids.", operation: id)
            }
            for entry in entries {
                guard let dependency = entry.stringValue else {
                    throw invalid("Operation '\(id)': depends_on must be an array of ids.", operation: id)
                }
                if !dependsOn.contains(dependency) { dependsOn.append(dependency) }
            }
        }
        var maxTokens: Int?
        if let value = item[member: "max_tokens"], value != .null {
            guard let count = value.intValue, (1...StreamParameters.maxTokensLimit).contains(count) else {
                throw invalid("Operation '\(id)': max_tokens must be a whole number from 1.", operation: id)
            }
            maxTokens = count
        }
        return Operation(
            id: id, specialist: specialist, message: message, dependsOn: dependsOn, maxTokens: maxTokens,
            timeout: try seconds(item[member: "timeout"], operation: id))
    }

    /// Unknown and self dependencies, and `{opN}` not in depends_on.
    private static func checkReferences(_ operations: [Operation]) throws(APIError) {
        let ids = Set(operations.map(\.id))
        for operation in operations {
            for dependency in operation.dependsOn where !ids.contains(dependency) || dependency == operation.id {
                throw invalid(
                    dependency == operation.id
                        ? "Operation '\(operation.id)' depends on itself."
                        : "Operation '\(operation.id)' depends on unknown operation '\(dependency)'.",
                    operation: operation.id)
            }
            for name in MockPlaceholders.names(in: operation.message) where ids.contains(name) {
                guard operation.dependsOn.contains(name) else {
                    throw invalid(
                        "Operation '\(operation.id)' uses {\(name)} but does not list '\(name)' in depends_on.",
                        operation: operation.id)
                }
            }
        }
    }

    private static func seconds(_ value: JSONValue?, operation: String?) throws(APIError) -> Double? {
        guard let value, value != .null else { return nil }
        let number: Double? =
            switch value {
            case .int(let whole): Double(whole)
            case .double(let fraction): fraction
            default: nil
            }
        guard let number, number > 0 else {
            throw invalid("timeout must be a positive number of seconds.", operation: operation)
        }
        return number
    }

    /// 400 `INVALID_PLAN`, naming the operation in `details.operation`.
    static func invalid(_ message: String, operation: String?) -> APIError {
        .init(
            status: .badRequest, code: "INVALID_PLAN", message: message,
            details: operation.map { .object(["operation": .string($0)]) })
    }
}
