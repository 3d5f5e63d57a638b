import AishKit
import AishMockServer
import Foundation

/// What checkpointing adds to a reply: a 20,000-token reply from the in-process
/// mock at full speed, over the transport aish picks, through ``ReplyPrinter`` to a
/// discarding sink, with and without a ``Checkpointer`` on a real SQLite store (its
/// final save included). Runs alternate, so both see the same machine; the target
/// is the plain p50 plus 3%.
struct CheckpointOverhead {
    let store: any SessionStore
    /// Which store the row names ("" for SQLite, " (PostgreSQL)").
    var label = ""
    static let tokens = 20_000
    /// Runs of each kind in a full `make bench`. A reply takes ~27 ms and 3% of it is
    /// 0.8 ms, while the p50 of 30 runs moved by ±1 ms from one `make bench` to the next
    /// (the same build passed and missed): 100 of each hold it to about ±0.3 ms.
    static let fullRuns = 100

    func run(runs: Int) async throws -> [BenchResult] {
        let configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        return try await withMockServer(configuration) { url in
            let chat = try await TektonClient(baseURL: url).prepareChat(specialist: "apollo", forcedTransport: nil)
            return try await measure(chat, runs: runs)
        }
    }

    private func measure(_ chat: PreparedChat, runs: Int) async throws -> [BenchResult] {
        var plain = Samples(unit: .microseconds)
        var checkpointed = Samples(unit: .microseconds)
        var finalSave = Samples(unit: .microseconds)
        let session = try await store.createSession(specialist: "apollo", firstMessage: "benchmark")
        for run in 0..<(runs * 2 + 2) {
            let measured = run >= 2
            if run % 2 == 0 {
                let (time, _) = try await printReply(chat, checkpointing: nil)
                if measured { plain.record(time) }
            } else {
                let reply = try await store.beginExchange(
                    inSession: session.id, question: "benchmark", specialist: "apollo")
                let (time, saving) = try await printReply(chat, checkpointing: reply)
                if measured {
                    checkpointed.record(time)
                    finalSave.record(saving)
                }
            }
        }
        let limit = plain.p50 + plain.p50 * 3 / 100
        let overhead = plain.p50 > 0 ? (Double(checkpointed.p50) / Double(plain.p50) - 1) * 100 : 0
        return [
            BenchResult(name: "20k-token reply, streamed\(label)", samples: plain, target: .reportOnly),
            BenchResult(
                name: "20k-token reply, streamed + checkpoints\(label)", samples: checkpointed,
                target: .required(.p50, atMost: limit),
                note: "checkpoint overhead \(String(format: "%.1f", overhead))% at p50 (target ≤ 3%)"),
            BenchResult(
                name: "20k-token reply, its final save\(label)", samples: finalSave, target: .reportOnly,
                note: "the whole reply (about 110 KB) sealed and written once more, with its status"),
        ]
    }

    /// The time to print the reply and save it, and the part of it the final save took.
    private func printReply(_ chat: PreparedChat, checkpointing reply: MessageHandle?) async throws
        -> (Duration, Duration)
    {
        var printer = ReplyPrinter(output: DiscardingSink(), status: DiscardingSink(), showsSpinner: false)
        let checkpointer = reply.map { Checkpointer(store: store, reply: $0) { _ in } }
        if let checkpointer { printer.onText = { checkpointer.record($0, tokens: $1) } }
        let clock = ContinuousClock()
        let start = clock.now
        let summary = try await printer.print(
            chat.transport.stream(chat.request("benchmark", maxTokens: Self.tokens)), from: "apollo")
        guard summary.tokens >= Self.tokens / 2 else { throw BenchError("the reply had only \(summary.tokens) tokens") }
        let saving = clock.now
        await checkpointer?.finish(content: summary.content, tokens: summary.tokens, status: .complete)
        let end = clock.now
        return (end - start, end - saving)
    }
}

/// An output that keeps nothing.
private struct DiscardingSink: OutputSink {
    var isTerminal: Bool { false }
    func write(_ text: String) throws {}
}
