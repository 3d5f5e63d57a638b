/// A server that can also run a whole plan itself (`POST /api/v2/bulk`, PROTOCOL.md §5).
public protocol BulkServer: DiscoveryServer {
    /// Sends the whole plan and waits for the server's answer; 429 and 503 are
    /// retried as `retry` allows.
    ///
    /// - Throws: ``BulkPlanError`` when the server rejects the plan; ``AishError``
    ///   for other failures; `CancellationError` when cancelled.
    func runBulkOnServer(_ plan: BulkPlan, source: String, retry: BulkRetryPolicy) async throws -> BulkRunResult
}
