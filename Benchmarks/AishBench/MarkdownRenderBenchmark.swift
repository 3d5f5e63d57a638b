import AishKit

/// Rendering cost: a 20,000-token Markdown reply, fed in one-token chunks, written
/// to a pseudo-terminal raw (each chunk as it comes) and rendered (each chunk
/// through ``MarkdownStreamRenderer``, one write per chunk, as ``ReplyPrinter``
/// does). Each run is timed from the first write until the master side has read
/// every byte. Raw and rendered runs alternate, so drift hits both alike. A third
/// figure is the renderer alone, writing nothing.
///
/// The target: rendered p50 within 10% of raw p50.
struct MarkdownRenderBenchmark: Benchmark {
    let id = "render-markdown"
    let tokens = 20_000
    let columns: UInt16 = 100

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let runs = context.runs(full: 40, quick: 8)
        let (warmup, tokens, columns) = (context.warmupRuns, self.tokens, self.columns)
        let measured = try await onOwnThread {
            let chunks = MarkdownReplyText.chunks(tokens: tokens)
            return try Self.measure(chunks: chunks, columns: columns, runs: runs, warmup: warmup)
        }
        let overhead50 = Self.percent(measured.rendered.p50, over: measured.raw.p50)
        let overhead99 = Self.percent(measured.rendered.p99, over: measured.raw.p99)
        let label = "\(tokens / 1_000)k-token Markdown to a pty"
        return [
            BenchResult(
                name: "\(label), raw", samples: measured.raw, target: .reportOnly,
                note: "\(measured.rawBytes) bytes in \(tokens) writes, \(columns) columns"
            ),
            BenchResult(
                name: "\(label), rendered", samples: measured.rendered,
                target: .required(.p50, atMost: measured.raw.p50 + measured.raw.p50 / 10),
                note: "\(measured.renderedBytes) bytes in \(measured.renderedWrites) writes (held markers "
                    + "coalesce); overhead vs raw: p50 \(overhead50), p99 \(overhead99) "
                    + "(target ≤ 10% at p50)"
            ),
            BenchResult(
                name: "\(label), rendering alone", samples: measured.renderOnly, target: .reportOnly,
                note: "the renderer's own time, no writes"
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
    }

    private static func measure(chunks: [String], columns: UInt16, runs: Int, warmup: Int) throws -> Measured {
        let terminal = try PseudoTerminal(columns: columns)
        defer { terminal.close() }
        let clock = ContinuousClock()
        var measured = Measured()
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
