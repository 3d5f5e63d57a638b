import AishMockServer
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A long reply, whole process: `aish --url … apollo "benchmark" --max-tokens N`
/// against the mock server at full speed, standard output to a file. Reports the
/// wall time from spawn to exit, then, in as many runs again, the child's own peak
/// RSS (`VmHWM` at exit, see ``ExitTracer``; those runs are not timed).
///
/// The mock runs inside this process (on its event loops, while the runs block a
/// thread of their own), so it shares the machine's cores with aish, as a local
/// Tekton would. Every run's output must be non-empty and identical.
struct LongReplyBenchmark: Benchmark {
    let tokens: Int
    let runs: Int
    let quickRuns: Int
    let wallTarget: Target
    let memoryTarget: Target

    static let fortyMegabytes: UInt64 = 40_000_000 / 1_024

    /// 20,000 tokens: p50 ≤ 0.1 s, peak RSS ≤ 40 MB in every run.
    static let twentyThousandTokens = LongReplyBenchmark(
        tokens: 20_000,
        runs: 30,
        quickRuns: 5,
        wallTarget: .required(.p50, atMost: 100_000),
        memoryTarget: .required(.max, atMost: fortyMegabytes)
    )

    /// 200,000 tokens: reported, to show how time and memory grow with the reply.
    static let twoHundredThousandTokens = LongReplyBenchmark(
        tokens: 200_000,
        runs: 5,
        quickRuns: 1,
        wallTarget: .reportOnly,
        memoryTarget: .reported(.max, goodAtMost: fortyMegabytes)
    )

    var id: String { "reply-\(tokens / 1_000)k" }

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        let runs = context.runs(full: self.runs, quick: quickRuns)
        let (aish, tokens, warmup) = (context.aishPath, self.tokens, context.warmupRuns)
        let measured = try await withMockServer(configuration) { url in
            try await onOwnThread {
                try Self.measure(
                    aish: aish, arguments: ["--url", url, "apollo", "benchmark", "--max-tokens", "\(tokens)"],
                    runs: runs, warmup: warmup)
            }
        }
        let label = "\(tokens / 1_000)k-token reply"
        let rusage = measured.rusageMaxRSS
        return [
            BenchResult(
                name: "\(label), wall", samples: measured.wall, target: wallTarget,
                note: "\(measured.outputBytes) bytes of output, identical in every run"
            ),
            BenchResult(
                name: "\(label), peak RSS", samples: measured.memory, target: memoryTarget,
                note: "VmHWM at exit; wait4's ru_maxrss said p50 \(rusage.unit.format(rusage.p50)), "
                    + "max \(rusage.unit.format(rusage.max)) (it includes this bench's own RSS)"
            ),
        ]
    }

    private struct Measured: Sendable {
        var wall = Samples(unit: .microseconds)
        var memory = Samples(unit: .kibibytes)
        var rusageMaxRSS = Samples(unit: .kibibytes)
        var outputBytes = 0
    }

    private static func measure(aish: String, arguments: [String], runs: Int, warmup: Int) throws -> Measured {
        var template = Array("\(NSTemporaryDirectory())/aishbench-reply.XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw BenchError.system("mkstemp") }
        close(descriptor)
        let file = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(file) }

        var measured = Measured()
        var expected: Data?
        // First the timed runs, then as many runs stopped at exit for their peak RSS.
        for run in 0..<(warmup + 2 * runs) {
            let measuresMemory = run >= warmup + runs
            let child = try ChildProcess.spawn(aish, arguments, output: .file(file), tracesExit: measuresMemory)
            let exit = try child.wait()
            guard exit.succeeded else { throw BenchError("aish \(arguments.joined(separator: " ")) \(exit)") }
            guard let output = FileManager.default.contents(atPath: file), !output.isEmpty else {
                throw BenchError("aish wrote nothing (run \(run + 1))")
            }
            if let expected, expected != output {
                throw BenchError(
                    "run \(run + 1) wrote \(output.count) bytes that differ from run 1's \(expected.count)")
            }
            expected = output
            measured.outputBytes = output.count
            if measuresMemory {
                guard let peak = exit.peakResidentKiB else { throw BenchError("no VmHWM for aish at exit") }
                measured.memory.record(peak)
                measured.rusageMaxRSS.record(exit.maxResidentKiB)
            } else if run >= warmup {
                measured.wall.record(exit.endedAt - child.startedAt)
            }
        }
        return measured
    }
}
