import AishKit

/// Rendering cost: a Markdown reply (tables, code, lists, diffs…), fed in one-token
/// chunks, written to a pseudo-terminal raw (each chunk as it comes) and rendered
/// (each chunk through ``MarkdownStreamRenderer``, one write per chunk, as
/// ``ReplyPrinter`` does). Each run is timed from the first write until the master
/// side has read every byte. Raw and rendered runs alternate, so drift hits both
/// alike. A third figure is the renderer alone, writing nothing.
///
/// The targets: rendered p50 within 10% of raw p50 for 20,000 tokens, within 20%
/// (1.2×) for 200,000. The note says how much larger the streamed output is than
/// the same reply rendered in one piece: the only bytes written twice are a
/// growing row's, redrawn when its last word moves down.
struct MarkdownRenderBenchmark: Benchmark {
    let id: String
    let tokens: Int
    /// The most rendering may add to raw p50, in percent.
    let overheadPercent: UInt64
    let fullRuns: Int
    let quickRuns: Int
    let columns: UInt16 = 100

    static let twentyThousandTokens = MarkdownRenderBenchmark(
        id: "render-markdown", tokens: 20_000, overheadPercent: 10, fullRuns: 40, quickRuns: 8)
    static let twoHundredThousandTokens = MarkdownRenderBenchmark(
        id: "render-markdown-200k", tokens: 200_000, overheadPercent: 20, fullRuns: 10, quickRuns: 2)

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let runs = context.runs(full: fullRuns, quick: quickRuns)
        let (warmup, tokens, columns) = (context.warmupRuns, self.tokens, self.columns)
        let measured = try await onOwnThread {
            let chunks = MarkdownReplyText.chunks(tokens: tokens)
            return try Self.measure(chunks: chunks, columns: columns, runs: runs, warmup: warmup)
        }
        let overhead50 = Self.percent(measured.rendered.p50, over: measured.raw.p50)
        let overhead99 = Self.percent(measured.rendered.p99, over: measured.raw.p99)
        let label = "\(tokens / 1_000)k-token Markdown to a pty"
        let limit = measured.raw.p50 + measured.raw.p50 * overheadPercent / 100
        let redrawn = Self.percent(UInt64(measured.renderedBytes), over: UInt64(measured.wholeBytes))
        let perToken = measured.renderOnly.p50 * 1_000 / UInt64(tokens)
        return [
            BenchResult(
                name: "\(label), raw", samples: measured.raw, target: .reportOnly,
                note: "\(measured.rawBytes) bytes in \(tokens) writes, \(columns) columns"
            ),
            BenchResult(
                name: "\(label), rendered", samples: measured.rendered,
                target: .required(.p50, atMost: limit),
                note: "\(measured.renderedBytes) bytes in \(measured.renderedWrites) writes (held markers "
                    + "coalesce); overhead vs raw: p50 \(overhead50), p99 \(overhead99) "
                    + "(target ≤ \(overheadPercent)% at p50); streamed output vs the reply rendered in one "
                    + "piece (\(measured.wholeBytes) bytes): \(redrawn)"
            ),
            BenchResult(
                name: "\(label), rendering alone", samples: measured.renderOnly, target: .reportOnly,
                note: "the renderer's own time, no writes: \(perToken) ns per token"
            ),
        ]
    }

    private struct Measured: Sendable {
        var raw = Samples(unit: .microseconds)
        var rendered = Samples(unit: .microseconds)
        var renderOnly = Samples(unit: .microseconds)
        var rawBytes = 0
        var renderedBytes = 0
        var renderedWrites = 0
        /// The reply rendered in one chunk.
        var wholeBytes = 0
    }

    private static func measure(chunks: [String], columns: UInt16, runs: Int, warmup: Int) throws -> Measured {
        let terminal = try PseudoTerminal(columns: columns)
        defer { terminal.close() }
        let clock = ContinuousClock()
        var measured = Measured()
        var whole = MarkdownStreamRenderer(width: Int(columns))
        measured.wholeBytes = whole.feed(chunks.joined()).utf8.count + whole.finish().utf8.count
        var expected = 0
        for run in 0..<(warmup + runs) {
            for rendering in run % 2 == 0 ? [false, true] : [true, false] {
                var renderer = MarkdownStreamRenderer(width: Int(columns))
                var bytes = 0
                var writes = 0
                let start = clock.now
                for chunk in chunks {
                    let text = rendering ? renderer.feed(chunk) : chunk
                    if text.isEmpty { continue }
                    try terminal.sink.write(text)
                    expected += terminal.bytesRead(for: text)
                    bytes += text.utf8.count
                    writes += 1
                }
                let tail = rendering ? renderer.finish() : ""
                if !tail.isEmpty {
                    try terminal.sink.write(tail)
                    expected += terminal.bytesRead(for: tail)
                    bytes += tail.utf8.count
                    writes += 1
                }
                guard terminal.waitUntilRead(expected) else {
                    throw BenchError("the pseudo-terminal did not deliver \(expected) bytes")
                }
                let elapsed = clock.now - start
                if rendering {
                    (measured.renderedBytes, measured.renderedWrites) = (bytes, writes)
                } else {
                    measured.rawBytes = bytes
                }
                if run >= warmup {
                    if rendering { measured.rendered.record(elapsed) } else { measured.raw.record(elapsed) }
                }
            }
            var renderer = MarkdownStreamRenderer(width: Int(columns))
            var bytes = 0
            let start = clock.now
            for chunk in chunks { bytes &+= renderer.feed(chunk).utf8.count }
            bytes &+= renderer.finish().utf8.count
            if run >= warmup && bytes > 0 { measured.renderOnly.record(clock.now - start) }
        }
        return measured
    }

    /// `+4.2%`: how much larger `value` is than `base`.
    private static func percent(_ value: UInt64, over base: UInt64) -> String {
        guard base > 0 else { return "n/a" }
        let tenths = (Int(value) - Int(base)) * 1_000 / Int(base)
        let sign = tenths < 0 ? "-" : "+"
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)%"
    }
}
