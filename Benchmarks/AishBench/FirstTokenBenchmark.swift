#if canImport(Glibc)
    import Glibc
#endif

/// First byte → first token: from the scripted server starting to write the first
/// content event to that token's first byte arriving on aish's standard output.
///
/// Each run spawns `aish --url … apollo hi` with standard output on a pipe. Once the
/// server has written the `start` event the bench says go; the server notes t0 and
/// writes the content event; the bench notes t1 when `read` returns the first byte.
/// Both instants come from the same monotonic clock in this process.
struct FirstTokenBenchmark: Benchmark {
    let id = "first-token"

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let runs = context.runs(full: 100, quick: 10)
        let warmup = context.warmupRuns
        let aish = context.aishPath
        let server = try ScriptedSSEServer()
        defer { server.stop() }
        let samples = try await onOwnThread {
            var samples = Samples(unit: .microseconds)
            for run in 0..<(warmup + runs) {
                let latency = try Self.measureOnce(aish: aish, server: server)
                if run >= warmup { samples.record(latency) }
            }
            return samples
        }
        return [
            BenchResult(
                name: "first byte → first token",
                samples: samples,
                target: .required(.p50, atMost: 1_000)
            )
        ]
    }

    private static func measureOnce(aish: String, server: ScriptedSSEServer) throws -> Duration {
        let gate = server.nextStream()
        let child = try ChildProcess.spawn(aish, ["--url", server.baseURL, "apollo", "hi"], output: .pipe)
        guard let output = child.outputPipe else { throw BenchError("no pipe to aish's standard output") }
        defer { close(output) }
        guard gate.awaitStart(seconds: 30) else {
            child.kill()
            let exit = try child.wait()
            let seen = server.unexpectedRequests
            throw BenchError(
                "aish never asked for the stream (it \(exit))"
                    + (seen.isEmpty ? "" : "; unexpected requests: \(seen.joined(separator: ", "))")
            )
        }
        gate.go()
        let (first, arrivedAt) = try readSome(output)
        var received = first
        gate.finish()
        guard !received.isEmpty, let sentAt = gate.firstTokenWrittenAt else {
            throw BenchError("aish wrote nothing for the first token (it \(try child.wait()))")
        }
        while true {
            let (more, _) = try readSome(output)
            if more.isEmpty { break }
            received += more
        }
        let exit = try child.wait()
        let text = String(decoding: received, as: UTF8.self)
        guard exit.succeeded, text == "Hello" else {
            throw BenchError("aish \(exit) and wrote \(text.debugDescription), expected \"Hello\"")
        }
        return arrivedAt - sentAt
    }

    /// What one `read` returns (empty at end of file), and the instant it returned.
    private static func readSome(_ descriptor: Int32) throws(BenchError) -> ([UInt8], ContinuousClock.Instant) {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            let returnedAt = ContinuousClock.now
            if count >= 0 { return (Array(buffer[..<count]), returnedAt) }
            guard errno == EINTR else { throw .system("read") }
        }
    }
}
