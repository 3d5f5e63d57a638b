/// What `aish bulk --check` prints for a valid plan.
public struct BulkCheckReport {
    public let plan: BulkPlan
    public let source: String

    /// The report for `plan`, read from `source`.
    public init(plan: BulkPlan, source: String) {
        self.plan = plan
        self.source = source
    }

    public var text: String {
        let graph = BulkGraph(plan.operations)
        var scheduler = BulkScheduler(graph: graph, execution: .sequential)
        var order: [String] = []
        while !scheduler.isFinished {
            let next = scheduler.startReady()
            guard let index = next.first else { break }
            order.append(graph.ids[index])
            scheduler.succeeded(index)
        }
        let count = plan.operations.count
        let specialists = plan.operations.map(\.ai).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var lines = ["\(source): the plan is valid; nothing was run."]
        let operations = count == 1 ? "1 operation" : "\(count) operations"
        let levels = graph.depth == 1 ? "1 level" : "\(graph.depth) levels"
        var shape = "  \(operations) in \(levels), \(plan.execution.rawValue)"
        if let timeout = plan.timeout {
            shape += ", timeout " + (Int(exactly: timeout).map(String.init) ?? String(timeout)) + " s"
        }
        lines.append(shape)
        lines.append("  specialists: " + specialists.joined(separator: ", "))
        lines.append("  order when sequential: " + order.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }
}
