/// Something that happened while a plan ran, for live views and `--jsonl`.
/// Times are seconds since the plan started.
public enum BulkEvent: Sendable, Equatable {
    /// Operation `id` was sent to `ai`; `attempt` counts from 1.
    case started(id: String, ai: String, attempt: Int, at: Double)
    /// Reply text of a running operation; `tokens` counts the chunks it holds.
    case text(id: String, chunk: String, tokens: Int)
    /// A transient failure (`reason`); the operation is sent again after `delay` seconds.
    case retrying(id: String, attempt: Int, delay: Double, reason: String, at: Double)
    /// Operation `id` reached its end.
    case finished(id: String, result: BulkOperationResult, at: Double)
}
