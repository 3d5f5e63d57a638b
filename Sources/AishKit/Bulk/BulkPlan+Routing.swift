/// `"ai": "@capability"` in a plan: the best specialist for the capability
/// (issue 7's routing), chosen once before the plan runs.
extension BulkPlan {
    /// The plan with every `@capability` replaced by the specialist it routes to,
    /// and a problem for each that cannot be routed.
    public func routingCapabilities(with router: CapabilityRouter) async -> (BulkPlan, [BulkPlanProblem]) {
        var routed = self
        var problems: [BulkPlanProblem] = []
        var routes: [String: String] = [:]
        for (index, operation) in operations.enumerated() where operation.ai.hasPrefix("@") {
            let location = BulkPlanChecks.isValidID(operation.id) ? operation.id : "operation #\(index + 1)"
            if let known = routes[operation.ai] {
                routed.operations[index].ai = known
                continue
            }
            do {
                let route = try await router.resolve(operation.ai)
                routes[operation.ai] = route.specialistID
                routed.operations[index].ai = route.specialistID
            } catch let error as AishError {
                problems.append(BulkPlanProblem(location, error.description))
            } catch {
                problems.append(BulkPlanProblem(location, "\(operation.ai) could not be routed: \(error)"))
            }
        }
        return (routed, problems)
    }
}
