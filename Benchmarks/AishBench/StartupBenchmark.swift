/// Startup: `aish --version` from spawn to exit, standard output to /dev/null,
/// alternating with a Swift "hello, world" (`BenchHello`) built the same way, so
/// both meet the same machine. Then, in runs stopped at exit, aish's peak RSS (hello
/// world ends before the tracer could attach: a zombie cannot be traced).
///
/// Targets: aish p50 ≤ 2 × hello p50, and ≤ 15 ms; aish's peak RSS ≤ 20 MB.
struct StartupBenchmark: Benchmark {
    let id = "startup"

    static let twentyMegabytes: UInt64 = 20_000_000 / 1_024

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let runs = context.runs(full: 200, quick: 20)
        let memoryRuns = context.runs(full: 20, quick: 3)
        let warmup = context.warmupRuns
        let (aish, hello) = (context.aishPath, context.helloPath)
        let measured = try await onOwnThread {
            var measured = Measured()
            for run in 0..<(warmup + runs + memoryRuns) {
                let tracesExit = run >= warmup + runs
                let children = [(aish, ["--version"], true)] + (tracesExit ? [] : [(hello, [], false)])
                for (path, arguments, isAish) in children {
                    let child = try ChildProcess.spawn(path, arguments, output: .null, tracesExit: tracesExit)
                    let exit = try child.wait()
                    guard exit.succeeded else { throw BenchError("`\(path) \(arguments.joined())` \(exit)") }
                    if tracesExit {
                        guard let peak = exit.peakResidentKiB else { throw BenchError("no VmHWM for \(path)") }
                        measured.aishMemory.record(peak)
                    } else if run >= warmup {
                        let elapsed = exit.endedAt - child.startedAt
                        if isAish { measured.aish.record(elapsed) } else { measured.hello.record(elapsed) }
                    }
                }
            }
            return measured
        }
        let twiceHello = 2 * measured.hello.p50
        return [
            BenchResult(
                name: "startup: Swift hello world", samples: measured.hello, target: .reportOnly,
                note: "\(hello), built like aish, run alternately with it"),
            BenchResult(
                name: "startup (aish --version)", samples: measured.aish,
                target: .required(.p50, atMost: min(twiceHello, 15_000)),
                note: "p50 \(ratio(measured.aish.p50, measured.hello.p50)) hello world's "
                    + "(target ≤ 2×, and ≤ 15 ms)"),
            BenchResult(
                name: "startup (aish --version), peak RSS", samples: measured.aishMemory,
                target: .required(.max, atMost: Self.twentyMegabytes), note: "VmHWM at exit"),
        ]
    }

    private struct Measured: Sendable {
        var aish = Samples(unit: .microseconds)
        var hello = Samples(unit: .microseconds)
        var aishMemory = Samples(unit: .kibibytes)
    }
}

/// `2.4×`: `value` over `base`, to one decimal.
func ratio(_ value: UInt64, _ base: UInt64) -> String {
    guard base > 0 else { return "n/a" }
    let tenths = (value * 10 + base / 2) / base
    return "\(tenths / 10).\(tenths % 10)×"
}
