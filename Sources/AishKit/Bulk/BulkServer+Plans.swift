import AsyncHTTPClient
import Foundation
import NIOCore

/// Bulk plans against a server: checking the plan's specialists, choosing a
/// transport for local runs, and `POST /api/v2/bulk` (PROTOCOL.md §5).
/// What running a plan needs from the server, asked once.
public struct BulkPreparation: Sendable {
    /// The plan with every `ai` resolved to the server's id.
    public let plan: BulkPlan
    /// What the server offers (`bulk_operations` decides `--server`).
    public let capabilities: ServerCapabilities
    /// The transport local runs stream through.
    public let transport: any ChatTransport
    /// Why that transport, for `--verbose`.
    public let reason: String

    /// A preparation; see ``DiscoveryServer/prepareBulk(_:problems:source:forcedTransport:)``.
    public init(plan: BulkPlan, capabilities: ServerCapabilities, transport: any ChatTransport, reason: String) {
        self.plan = plan
        self.capabilities = capabilities
        self.transport = transport
        self.reason = reason
    }
}

extension DiscoveryServer {
    /// Asks the server what it offers and who it has (both at once), resolves every
    /// operation's specialist, and picks the chat transport for local runs.
    ///
    /// - Parameters:
    ///   - plan: the plan as read, possibly with `problems` already found in it.
    ///   - problems: what reading the plan found; the specialists are still checked,
    ///     so every problem is reported at once.
    /// - Throws: ``BulkPlanError`` with `problems` and each operation whose specialist
    ///   is unknown or ambiguous; ``AishError`` when the server cannot be asked (and
    ///   the plan had no problems of its own).
    public func prepareBulk(
        _ plan: BulkPlan, problems: [BulkPlanProblem] = [], source: String, forcedTransport: TransportKind?
    ) async throws -> BulkPreparation {
        let capabilities: ServerCapabilities
        let roster: [Specialist]
        do {
            async let detected = self.capabilities()
            async let listed = specialists()
            (capabilities, roster) = try await (detected, listed)
        } catch let error as AishError where !problems.isEmpty {
            let note = BulkPlanProblem("plan", "its specialists were not checked: \(error.description)")
            throw BulkPlanError(source: source, problems: problems + [note])
        }
        let (routed, unroutable) = await plan.routingCapabilities(with: CapabilityRouter(client: self))
        let (resolved, unresolved) = routed.resolvingSpecialists(with: SpecialistResolver(specialists: roster))
        let unknown = unroutable + unresolved
        guard problems.isEmpty, unknown.isEmpty else {
            throw BulkPlanError(
                source: source, problems: BulkPlanProblem.inFileOrder(problems + unknown, operations: plan.operations))
        }
        let choice = try TransportSelector.select(
            for: capabilities, forced: forcedTransport, implemented: implementedTransports)
        return BulkPreparation(
            plan: resolved, capabilities: capabilities, transport: try transport(choice.kind), reason: choice.reason)
    }

}

extension TektonClient: BulkServer {
    /// Sends the whole plan to the server (`POST /api/v2/bulk`) and waits for its
    /// answer. The server runs the graph; there is no progress until it answers.
    /// HTTP 429 and 503 are retried as a whole, as `retry` allows.
    ///
    /// - Throws: ``BulkPlanError`` when the server rejects the plan (HTTP 400, with
    ///   its message); ``AishError`` for other failures; `CancellationError` when
    ///   cancelled (the connection is closed, which cancels the run on the server).
    public func runBulkOnServer(_ plan: BulkPlan, source: String, retry: BulkRetryPolicy) async throws
        -> BulkRunResult
    {
        let url = self.url("/api/v2/bulk")
        var request = makeRequest(url: url, method: .POST)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: plan.jsonText))
        let timeout: TimeAmount = .seconds(Int64((plan.timeout ?? 3_600) + 60))
        var attempt = 0
        while true {
            attempt += 1
            let response = try await send(request, timeout: timeout)
            switch response.status.code {
            case 200:
                let answer = try await decodeJSON(BulkServerAnswer.self, from: response, url: url)
                return answer.result(ordering: plan)
            case 400, 422:
                let body = try? await response.body.collect(upTo: Self.errorBodyLimit)
                let rejection = body.flatMap {
                    try? JSONDecoder().decode(BulkRejection.self, from: Data($0.readableBytesView))
                }
                let fallback = body.flatMap { ServerErrorBody(json: $0.readableBytesView) }?.message
                let message =
                    rejection?.error.message ?? fallback
                    ?? "the server rejected the plan (HTTP \(response.status.code))"
                let location = TerminalText.sanitized(rejection?.error.details?.operation ?? "plan")
                throw BulkPlanError(
                    source: source,
                    problems: [BulkPlanProblem(location, "the server says: " + TerminalText.sanitized(message))])
            case 404, 405:
                _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
                throw AishError.unexpectedStatus(
                    url: url, status: Int(response.status.code),
                    detail: "this server does not run bulk plans; run it here with --local")
            default:
                let failure = await failure(for: response, url: url, specialistID: nil)
                guard BulkRetryPolicy.isTransient(failure), attempt <= retry.maxRetries else { throw failure }
                try await Task.sleep(
                    for: .seconds(BulkRetryPolicy.wait(after: failure, otherwise: retry.delay(beforeRetry: attempt))))
            }
        }
    }
}

/// A §8 error body whose `details` may name the operation a plan was rejected for.
private struct BulkRejection: Decodable {
    struct Details: Decodable {
        var operation: String?
    }
    struct Body: Decodable {
        var message: String?
        var details: Details?
    }
    var error: Body
}

/// §5's answer, as the server sends it.
struct BulkServerAnswer: Decodable {
    struct Entry: Decodable {
        var status: String
        var response: String?
        var ai: String?
        var execution_time: Double?
        var tokens_used: Int?
        var error: String?
        var started_at: Double?
        var attempts: Int?
    }

    var request_id: String?
    var execution_time: Double?
    var results: [String: Entry]

    /// The answer as a result, in the plan's order; an operation the server left
    /// out counts as failed.
    func result(ordering plan: BulkPlan) -> BulkRunResult {
        BulkRunResult(
            requestID: request_id ?? "",
            executionTime: execution_time ?? 0,
            results: plan.operations.map { operation in
                guard let entry = results[operation.id] else {
                    return (operation.id, BulkOperationResult(status: .failed, error: "the server gave no result"))
                }
                let status = BulkOperationResult.Status(rawValue: entry.status) ?? .failed
                // The answer alone, as a plan run here keeps it: thinking written inline is left out.
                let response = entry.response.map { InlineThinking.split(whole: $0).answer }
                return (
                    operation.id,
                    BulkOperationResult(
                        status: status, response: response, ai: entry.ai, executionTime: entry.execution_time,
                        tokensUsed: entry.tokens_used,
                        error: (entry.error ?? (status == .failed ? "the server said '\(entry.status)'" : nil))
                            .map(TerminalText.sanitized),
                        startedAt: entry.started_at, attempts: entry.attempts)
                )
            },
            executedBy: "server"
        )
    }
}
