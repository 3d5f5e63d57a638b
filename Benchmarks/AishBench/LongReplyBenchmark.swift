import AishMockServer
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A long reply, whole process: `aish --url … apollo "benchmark" --max-tokens N`
/// against the mock server at full speed, standard output to a file, alternating
/// with `curl` reading the same reply as v2 SSE from the same mock (the raw transfer
/// aish is held to). The OpenAI variant asks the mock's OpenAI-compatible API
/// (`AISH_PROVIDER_URL`, model `env/mock-coder`) and curl reads the same
/// chat-completions stream. Reports the wall time from spawn to exit, then, in as many runs
/// again, the child's own peak RSS (`VmHWM` at exit, see ``ExitTracer``; those runs
/// are not timed).
///
/// The mock runs inside this process (on its event loops, while the runs block a
/// thread of their own), so it shares the machine's cores with aish, as a local
/// Tekton would. Every run's output must be non-empty and identical.
struct LongReplyBenchmark: Benchmark {
    let tokens: Int
    let runs: Int
    let quickRuns: Int
    /// Peak RSS allowed: a fixed bound, or how far above the 20k reply's it may be.
    let memory: MemoryTarget
    /// Which API the reply comes over.
    var api: API = .tekton

    enum API: Sendable {
        /// Tekton's, over the transport aish picks by default.
        case tekton
        /// The mock's OpenAI-compatible API, as a provider's model.
        case openAI
    }

    enum MemoryTarget: Sendable {
        case atMost(UInt64)
        case within20kReplyBy(UInt64)
    }

    static let thirtyMegabytes: UInt64 = 30_000_000 / 1_024

    /// 20,000 tokens: p50 ≤ 1.5 × curl's, peak RSS ≤ 30 MB in every run.
    static let twentyThousandTokens = LongReplyBenchmark(
        tokens: 20_000, runs: 30, quickRuns: 5, memory: .atMost(thirtyMegabytes))

    /// 200,000 tokens: p50 ≤ 1.5 × curl's, peak RSS within 5 MB of the 20k reply's.
    static let twoHundredThousandTokens = LongReplyBenchmark(
        tokens: 200_000, runs: 5, quickRuns: 1, memory: .within20kReplyBy(5_000_000 / 1_024))

    /// 20,000 tokens over the OpenAI stream: p50 ≤ 1.5 × curl's, peak RSS ≤ 30 MB.
    static let twentyThousandTokensOpenAI = LongReplyBenchmark(
        tokens: 20_000, runs: 30, quickRuns: 5, memory: .atMost(thirtyMegabytes), api: .openAI)

    var id: String { "reply-\(tokens / 1_000)k" + (api == .openAI ? "-openai" : "") }

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        let runs = context.runs(full: self.runs, quick: quickRuns)
        let (aish, tokens, warmup, memory, api) = (
            context.aishPath, self.tokens, context.warmupRuns, self.memory, self.api
        )
        let (measured, base) = try await withMockServer(configuration) { url in
            try await onOwnThread {
                let measured = try Self.measure(
                    aish: aish, url: url, api: api, tokens: tokens, runs: runs, warmup: warmup)
                guard case .within20kReplyBy = memory else { return (measured, nil as Samples?) }
                let base = try Self.measure(
                    aish: aish, url: url, api: api, tokens: 20_000, runs: 0, memoryRuns: 5, warmup: 1)
                return (measured, base.memory)
            }
        }
        let label = "\(tokens / 1_000)k-token reply" + (api == .openAI ? " over OpenAI SSE" : "")
        let stream = api == .openAI ? "chat-completions SSE" : "v2 SSE"
        let rusage = measured.rusageMaxRSS
        let memoryTarget: Target
        var memoryNote =
            "VmHWM at exit; wait4's ru_maxrss said p50 \(rusage.unit.format(rusage.p50)), "
            + "max \(rusage.unit.format(rusage.max)) (it includes this bench's own RSS)"
        switch memory {
        case .atMost(let limit): memoryTarget = .required(.max, atMost: limit)
        case .within20kReplyBy(let margin):
            let baseMax = base?.max ?? 0
            memoryTarget = .required(.max, atMost: baseMax + margin)
            memoryNote += "; the 20k reply's max in the same run: \(SampleUnit.kibibytes.format(baseMax))"
        }
        return [
            BenchResult(
                name: "\(label), curl (raw SSE)", samples: measured.curl, target: .reportOnly,
                note: "\(measured.curlBytes) bytes of \(stream) from the same mock, run alternately with aish"),
            BenchResult(
                name: "\(label), wall", samples: measured.wall,
                target: .required(.p50, atMost: measured.curl.p50 * 3 / 2),
                note: "\(measured.outputBytes) bytes of output, identical in every run; p50 "
                    + "\(ratio(measured.wall.p50, measured.curl.p50)) curl's (target ≤ 1.5×)"
            ),
            BenchResult(name: "\(label), peak RSS", samples: measured.memory, target: memoryTarget, note: memoryNote),
        ]
    }

    private struct Measured: Sendable {
        var wall = Samples(unit: .microseconds)
        var curl = Samples(unit: .microseconds)
        var memory = Samples(unit: .kibibytes)
        var rusageMaxRSS = Samples(unit: .kibibytes)
        var outputBytes = 0
        var curlBytes = 0
    }

    /// `curl` fetching the reply's stream into `file`.
    private static func curlArguments(url: String, api: API, tokens: Int, file: String) -> [String] {
        if api == .openAI {
            let body =
                #"{"model": "mock-coder", "messages": [{"role": "user", "content": "benchmark"}], "stream": true, "#
                + #""stream_options": {"include_usage": true}, "max_tokens": \#(tokens)}"#
            return [
                "-sS", "-N", "-X", "POST", "-o", file, "-H", "Content-Type: application/json",
                "-H", "Accept: text/event-stream", "--data", body, "\(url)/v1/chat/completions",
            ]
        }
        return [
            "-sS", "-N", "-X", "POST", "-o", file, "-H", "Content-Type: application/json",
            "-H", "Accept: text/event-stream",
            "--data", #"{"message": "benchmark", "max_tokens": \#(tokens)}"#, "\(url)/api/v2/ai/apollo/stream",
        ]
    }

    private static func measure(
        aish: String, url: String, api: API, tokens: Int, runs: Int, memoryRuns: Int? = nil, warmup: Int
    ) throws -> Measured {
        let file = try temporaryFile()
        defer { unlink(file) }
        let specialist = api == .openAI ? "env/mock-coder" : "apollo"
        let arguments = ["--url", url, specialist, "benchmark", "--max-tokens", "\(tokens)"]
        let environment =
            api == .openAI ? ["AISH_PROVIDER_URL=\(url)/v1", "AISH_PROVIDER_MODELS=mock-coder"] : []
        var measured = Measured()
        var expected: Data?
        // First the timed runs (aish and curl alternately), then runs stopped at exit for aish's peak RSS.
        for run in 0..<(warmup + runs + (memoryRuns ?? runs)) {
            let measuresMemory = run >= warmup + runs
            let child = try ChildProcess.spawn(
                aish, arguments, output: .file(file), tracesExit: measuresMemory, environment: environment)
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
                continue
            }
            if run >= warmup { measured.wall.record(exit.endedAt - child.startedAt) }
            let curl = try ChildProcess.spawn(
                "/usr/bin/curl", curlArguments(url: url, api: api, tokens: tokens, file: file), output: .null)
            let curlExit = try curl.wait()
            guard curlExit.succeeded else { throw BenchError("curl \(curlExit)") }
            let stream = FileManager.default.contents(atPath: file) ?? Data()
            let end = api == .openAI ? "[DONE]" : "done"
            guard stream.count > output.count, String(decoding: stream.suffix(300), as: UTF8.self).contains(end)
            else { throw BenchError("curl fetched \(stream.count) bytes without the reply's done event") }
            measured.curlBytes = stream.count
            if run >= warmup { measured.curl.record(curlExit.endedAt - curl.startedAt) }
        }
        return measured
    }

    private static func temporaryFile() throws -> String {
        var template = Array("\(NSTemporaryDirectory())/aishbench-reply.XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw BenchError.system("mkstemp") }
        close(descriptor)
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
