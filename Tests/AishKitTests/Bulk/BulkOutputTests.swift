import AishKit
import Testing

/// The JSON aish writes, and the live view's lines.
@Suite struct BulkOutputTests {
    private let result = BulkRunResult(
        requestID: "bulk_1", executionTime: 1.23456,
        results: [
            (
                "op2",
                BulkOperationResult(
                    status: .success, response: "a \"quote\"\n", ai: "apollo", executionTime: 1, tokensUsed: 4,
                    startedAt: 0, attempts: 1)
            ),
            ("op10", BulkOperationResult(status: .skipped, error: "dependency op2 failed")),
        ], executedBy: "local")

    @Test func resultJSONKeepsThePlansOrder() {
        #expect(
            result.jsonText
                == #"{"request_id":"bulk_1","status":"partial","execution_time":1.235,"results":{"op2":{"status":"success","response":"a \"quote\"\n","ai":"apollo","execution_time":1,"tokens_used":4,"started_at":0,"attempts":1},"op10":{"status":"skipped","error":"dependency op2 failed"}},"total_tokens":4,"executed_by":"local"}"#
        )
        #expect(
            result.summaryJSONLine
                == #"{"event":"done","request_id":"bulk_1","status":"partial","execution_time":1.235,"total_tokens":4,"executed_by":"local"}"#
        )
        #expect(BulkEvent.text(id: "op2", chunk: "x", tokens: 1).jsonLine == nil)
    }

    @Test func planJSONRoundTrips() throws {
        let plan = BulkPlan(
            operations: [
                BulkOperation(id: "op1", ai: "apollo", message: "a \"b\""),
                BulkOperation(
                    id: "op2", ai: "athena", message: "{op1}", dependsOn: ["op1"], maxTokens: 5, timeout: 1.5),
            ], execution: .sequential, timeout: 30)
        #expect(try BulkPlan.parse(Array(plan.jsonText.utf8), source: "x") == plan)
    }

    @Test func boardLinesFitTheWidthAndShowEachState() {
        let plan = BulkPlan(operations: [
            BulkOperation(id: "op1", ai: "apollo", message: "m"), BulkOperation(id: "op2", ai: "athena", message: "m"),
            BulkOperation(id: "op3", ai: "metis", message: "m", dependsOn: ["op1"]),
        ])
        var progress = BulkProgress(plan: plan)
        progress.apply(.started(id: "op1", ai: "apollo", attempt: 1, at: 0))
        progress.apply(.text(id: "op1", chunk: "日本語 streaming\ntext that goes on and on and on", tokens: 7))
        progress.apply(.started(id: "op2", ai: "athena", attempt: 1, at: 0))
        progress.apply(
            .finished(
                id: "op2",
                result: BulkOperationResult(
                    status: .failed, ai: "athena", executionTime: 0.5, error: "athena failed: no."), at: 0.5))
        let board = BulkStatusBoard(colors: false)
        let lines = board.lines(for: progress, width: 60, height: 10, now: 1.25, frame: 0)
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { TerminalWidth.cells($0) <= 60 })
        #expect(lines[0] == "⠋ op1  apollo    1.3 s      7 tok  日本語 streaming text th…")
        #expect(lines[1] == "✗ op2  athena    0.5 s             failed: athena failed: n…")
        #expect(lines[2] == "· op3  metis                       waiting for op1")
        let short = board.lines(for: progress, width: 60, height: 2, now: 1.25, frame: 0)
        #expect(short.count == 2)
        #expect(short.last == "  … 2 more: 1 ended, 1 waiting")
        #expect(board.summary(for: result, via: "local") == "1 succeeded · 1 skipped · 4 tokens · 1.2 s · local")
    }
}
