/// Startup: `aish --version` from spawn to exit, standard output to /dev/null.
struct StartupBenchmark: Benchmark {
    let id = "startup"

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let runs = context.runs(full: 200, quick: 20)
        let warmup = context.warmupRuns
        let aish = context.aishPath
        let samples = try await onOwnThread {
            var samples = Samples(unit: .microseconds)
            for run in 0..<(warmup + runs) {
                let child = try ChildProcess.spawn(aish, ["--version"], output: .null)
                let exit = try child.wait()
                guard exit.succeeded else { throw BenchError("`aish --version` \(exit)") }
                if run >= warmup { samples.record(exit.endedAt - child.startedAt) }
            }
            return samples
        }
        return [
            BenchResult(name: "startup (aish --version)", samples: samples, target: .required(.p50, atMost: 20_000))
        ]
    }
}
