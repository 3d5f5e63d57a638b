import AishKit
import AishMockServer
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The shell's CPU time while replies stream at 50 tokens/s, the pace of a fast
/// model: `aish --url URL` on a pseudo-terminal, asked one question after another
/// until 30 s of replies have streamed from the mock (at 50 tokens/s, first token
/// at once); then the same shell idle at its prompt for 10 s. CPU time is the
/// child's user + system time from `/proc/PID/stat`, over the wall time between.
///
/// Targets: under 2% of a core while streaming, under 0.5% idle (a REPL that does
/// not spin).
struct ShellCPUBenchmark: Benchmark {
    let id = "shell-cpu"

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        let configuration = MockServerConfiguration(port: 0, tokensPerSecond: 50, firstTokenLatency: 0)
        let (streaming, idle) = context.quick ? (6.0, 2.0) : (30.0, 10.0)
        let aish = context.aishPath
        let measured = try await withMockServer(configuration) { url in
            try await onOwnThread { try Self.measure(aish: aish, url: url, streaming: streaming, idle: idle) }
        }
        return [
            BenchResult(
                name: "shell CPU, replies at 50 tokens/s", samples: measured.perReply, target: .reportOnly,
                note: "one sample per reply (\(measured.replies) replies, about \(measured.tokens) tokens)"),
            BenchResult(
                name: "shell CPU over \(Int(streaming)) s of replies", samples: measured.streaming,
                target: .required(.max, atMost: 200), note: "share of one core (target < 2%)"),
            BenchResult(
                name: "shell CPU idle at the prompt, \(Int(idle)) s", samples: measured.idle,
                target: .required(.max, atMost: 50), note: "share of one core (target < 0.5%)"),
        ]
    }

    private struct Measured: Sendable {
        var perReply = Samples(unit: .basisPoints)
        var streaming = Samples(unit: .basisPoints)
        var idle = Samples(unit: .basisPoints)
        var replies = 0
        var tokens = 0
    }

    private static func measure(aish: String, url: String, streaming: Double, idle: Double) throws -> Measured {
        let shell = try TerminalChild(aish, ["--url", url, "apollo", "--no-save"])
        defer { shell.stop() }
        guard shell.waitFor("apollo›", count: 1, seconds: 30) else { throw BenchError("the shell showed no prompt") }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        func share(ticks: UInt64, over duration: Duration) -> UInt64 {
            UInt64((Double(ticks) / ticksPerSecond / duration.seconds * 10_000).rounded())
        }
        var measured = Measured()
        let clock = ContinuousClock()
        let start = clock.now
        let startTicks = try shell.cpuTicks()
        while clock.now - start < .seconds(streaming) {
            let (before, ticks) = (clock.now, try shell.cpuTicks())
            measured.replies += 1
            shell.type("tell me about streaming, part \(measured.replies)\r")
            // Each reply ends with its stats line ("… tok/s …"), then the prompt comes back.
            guard shell.waitFor("tok/s", count: measured.replies, seconds: 60),
                shell.waitFor("apollo›", count: measured.replies + 1, seconds: 10)
            else { throw BenchError("reply \(measured.replies) did not end") }
            measured.perReply.record(share(ticks: try shell.cpuTicks() - ticks, over: clock.now - before))
        }
        let streamed = clock.now - start
        measured.streaming.record(share(ticks: try shell.cpuTicks() - startTicks, over: streamed))
        measured.tokens = Int(streamed.seconds * 50)
        let idleTicks = try shell.cpuTicks()
        let idleStart = clock.now
        Thread.sleep(forTimeInterval: idle)  // the measured window, not a wait for anything
        measured.idle.record(share(ticks: try shell.cpuTicks() - idleTicks, over: clock.now - idleStart))
        shell.type("\u{04}")
        return measured
    }
}
