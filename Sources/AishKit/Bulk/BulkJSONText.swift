/// The JSON aish writes for bulk plans: the plan as sent to a server, §5's result,
/// and `--jsonl` events. Members keep a fixed order, and results the plan's order.
extension BulkPlan {
    /// The plan in the §5 request format, compact.
    public var jsonText: String {
        var list = "["
        for (index, operation) in operations.enumerated() {
            if index > 0 { list += "," }
            list += Self.text(
                .object([
                    "id": .string(operation.id), "ai": .string(operation.ai), "message": .string(operation.message),
                    "depends_on": operation.dependsOn.isEmpty ? nil : .strings(operation.dependsOn),
                    "temperature": operation.temperature.map { .number($0) },
                    "max_tokens": operation.maxTokens.map { .number(Double($0)) },
                    "timeout": operation.timeout.map { .number($0) },
                ]))
        }
        return Self.text(
            .object([
                "operations": .nested(list + "]"), "execution": .string(execution.rawValue),
                "timeout": timeout.map { .number($0) },
            ]))
    }

    static func text(_ value: FlatJSONObject.Value) -> String {
        var output = ""
        JSONRPCText.write(value, to: &output)
        return output
    }
}

extension BulkOperationResult {
    /// The §5 entry: `status`, then what applies of `response`, `ai`,
    /// `execution_time`, `tokens_used`, `error`, `started_at`, `attempts`.
    public var jsonValue: FlatJSONObject.Value {
        .object([
            "status": .string(status.rawValue), "response": response.map { .string($0) },
            "ai": ai.map { .string($0) }, "execution_time": executionTime.map { .number(Self.rounded($0)) },
            "tokens_used": tokensUsed.map { .number(Double($0)) }, "error": error.map { .string($0) },
            "started_at": startedAt.map { .number(Self.rounded($0)) },
            "attempts": attempts.map { .number(Double($0)) },
        ])
    }

    /// Seconds to the millisecond.
    static func rounded(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }
}

extension BulkRunResult {
    /// §5's answer: `request_id`, `status`, `execution_time`, `results` (in the
    /// plan's order), `total_tokens`, then `executed_by` and, after Ctrl-C,
    /// `interrupted: true`. One line, no trailing newline.
    public var jsonText: String {
        var results = "{"
        for (index, entry) in self.results.enumerated() {
            if index > 0 { results += "," }
            JSONRPCText.writeString(entry.id, to: &results)
            results += ":" + BulkPlan.text(entry.result.jsonValue)
        }
        return BulkPlan.text(
            .object([
                "request_id": .string(requestID), "status": .string(status.rawValue),
                "execution_time": .number(BulkOperationResult.rounded(executionTime)),
                "results": .nested(results + "}"),
                "total_tokens": countedTokens.map { .number(Double($0)) } ?? .null, "executed_by": .string(executedBy),
                "interrupted": interrupted ? .bool(true) : nil,
            ]))
    }
}

extension BulkEvent {
    /// One `--jsonl` line (without the newline) for a change of state, or nil for
    /// reply text, which is not a change of state.
    public var jsonLine: String? {
        switch self {
        case .started(let id, let ai, let attempt, let at):
            BulkPlan.text(
                .object([
                    "event": .string("started"), "id": .string(id), "ai": .string(ai),
                    "attempt": .number(Double(attempt)),
                    "t": .number(BulkOperationResult.rounded(at)),
                ]))
        case .text:
            nil
        case .retrying(let id, let attempt, let delay, let reason, let at):
            BulkPlan.text(
                .object([
                    "event": .string("retrying"), "id": .string(id), "attempt": .number(Double(attempt)),
                    "delay": .number(BulkOperationResult.rounded(delay)), "reason": .string(reason),
                    "t": .number(BulkOperationResult.rounded(at)),
                ]))
        case .finished(let id, let result, let at):
            BulkPlan.text(
                .object([
                    "event": .string("finished"), "id": .string(id), "t": .number(BulkOperationResult.rounded(at)),
                    "result": result.jsonValue,
                ]))
        }
    }
}

extension BulkRunResult {
    /// The last `--jsonl` line: the run's outcome without the responses (the
    /// `finished` events carried them).
    public var summaryJSONLine: String {
        BulkPlan.text(
            .object([
                "event": .string("done"), "request_id": .string(requestID), "status": .string(status.rawValue),
                "execution_time": .number(BulkOperationResult.rounded(executionTime)),
                "total_tokens": countedTokens.map { .number(Double($0)) } ?? .null, "executed_by": .string(executedBy),
                "interrupted": interrupted ? .bool(true) : nil,
            ]))
    }
}
