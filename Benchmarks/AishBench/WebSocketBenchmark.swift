import AishKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import Synchronization
import WSClient

#if canImport(Glibc)
    import Glibc
#endif

/// WebSocket JSON-RPC against `aish mock` running as a separate process, as a real
/// server would: connect time and `ping` round trip (p99 targets 2 ms and 0.5 ms),
/// first token and a 20,000-token reply through aish's WebSocket transport, and
/// how many connections the mock holds at once with the `ping` p99 while it does
/// (aim: 10,000 with p99 under 20 ms).
struct WebSocketBenchmark: Benchmark {
    var id: String { "websocket" }

    /// Connections held at once in the load test.
    static let heldConnections = 10_000

    func run(_ context: BenchContext) async throws -> [BenchResult] {
        raiseDescriptorLimit()
        let mock = try ChildProcess.spawn(
            context.aishPath, ["mock", "--port", "0", "--tokens-per-second", "0", "--first-token-latency", "0"],
            output: .pipe)
        defer {
            mock.kill()
            _ = try? mock.wait(timeout: .seconds(10))
            if let pipe = mock.outputPipe { close(pipe) }
        }
        let base = try await onOwnThread { try Self.listeningURL(mock) }
        let socketURL = base.replacingOccurrences(of: "http://", with: "ws://") + "/ws/ai/apollo"

        var results: [BenchResult] = []
        results.append(try await connectTimes(socketURL, runs: context.runs(full: 500, quick: 100)))
        results += try await transportFigures(base, runs: context.runs(full: 200, quick: 40))
        results.append(try await heldLoad(socketURL, connections: context.quick ? 2_000 : Self.heldConnections))
        return results
    }

    // MARK: Connect and ping

    private func connectTimes(_ url: String, runs: Int) async throws -> BenchResult {
        var samples = Samples(unit: .microseconds)
        for _ in 0..<runs {
            let socket = try await HeldSocket.open(url)
            samples.record(socket.connectTime)
            await socket.close()
        }
        return BenchResult(
            name: "WebSocket connect", samples: samples, target: .required(.p99, atMost: 2_000),
            note: "TCP connect and HTTP upgrade to `aish mock` on loopback, \(runs) runs")
    }

    /// `ping` round trips, first token and a long reply through aish's own transport.
    private func transportFigures(_ base: String, runs: Int) async throws -> [BenchResult] {
        let client = try TektonClient(baseURL: base)
        let transport = WebSocketTransport(client: client)
        defer { Task { await transport.close() } }
        _ = try await transport.call("ping", specialistID: "apollo")
        var ping = Samples(unit: .microseconds)
        let clock = ContinuousClock()
        for _ in 0..<(runs * 10) {
            let start = clock.now
            _ = try await transport.call("ping", specialistID: "apollo")
            ping.record(clock.now - start)
        }
        var firstToken = Samples(unit: .microseconds)
        for run in 0..<runs {
            let start = clock.now
            for try await event in transport.stream(
                ChatRequest(specialistID: "apollo", message: "first \(run)", maxTokens: 20))
            {
                if case .text = event {
                    firstToken.record(clock.now - start)
                    break
                }
            }
        }
        var long = Samples(unit: .microseconds)
        var tokens = 0
        for run in 0..<max(5, runs / 10) {
            let start = clock.now
            tokens = 0
            for try await event in transport.stream(
                ChatRequest(specialistID: "apollo", message: "long \(run)", maxTokens: 20_000))
            {
                if case .text(_, let count) = event { tokens += count }
            }
            long.record(clock.now - start)
        }
        guard tokens == 20_000 else { throw BenchError("the long reply had \(tokens) tokens, not 20000") }
        return [
            BenchResult(
                name: "WebSocket ping round trip", samples: ping, target: .required(.p99, atMost: 500),
                note: "aish's transport, one reused connection, \(runs * 10) pings"),
            BenchResult(
                name: "WebSocket request → first token", samples: firstToken, target: .reportOnly,
                note: "`chat` with stream: true on the open connection, mock at zero latency"),
            BenchResult(
                name: "WebSocket 20,000-token reply", samples: long, target: .reportOnly,
                note: "whole reply through WebSocketTransport; p50 \(Self.rate(long.p50, tokens: 20_000))"),
        ]
    }

    // MARK: Many connections

    private func heldLoad(_ url: String, connections: Int) async throws -> BenchResult {
        var sockets: [HeldSocket] = []
        sockets.reserveCapacity(connections)
        defer {
            let closing = sockets
            Task { for socket in closing { await socket.close() } }
        }
        // Open in batches, as a crowd of clients would arrive.
        while sockets.count < connections {
            let batch = min(200, connections - sockets.count)
            let opened = try await withThrowingTaskGroup(of: HeldSocket.self) { group in
                for _ in 0..<batch { group.addTask { try await HeldSocket.open(url) } }
                var opened: [HeldSocket] = []
                for try await socket in group { opened.append(socket) }
                return opened
            }
            sockets += opened
        }
        var samples = Samples(unit: .microseconds)
        let step = max(1, connections / 1_000)
        for index in stride(from: 0, to: connections, by: step) {
            samples.record(try await sockets[index].ping())
        }
        return BenchResult(
            name: "ping with \(connections) connections open", samples: samples,
            target: .required(.p99, atMost: 20_000),
            note: "\(connections) WebSockets held open on `aish mock`; one ping on every \(step)th")
    }

    // MARK: Helpers

    private func raiseDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// The URL `aish mock` prints on its first line.
    private static func listeningURL(_ mock: ChildProcess) throws -> String {
        guard let pipe = mock.outputPipe else { throw BenchError("the mock's output is not a pipe") }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(pipe, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        let line = String(decoding: bytes, as: UTF8.self)
        guard let url = line.split(separator: " ").last, url.hasPrefix("http://") else {
            throw BenchError("aish mock did not say where it listens: \(line)")
        }
        return String(url)
    }

    private static func rate(_ micros: UInt64, tokens: Int) -> String {
        guard micros > 0 else { return "-" }
        return "\(Int(Double(tokens) / (Double(micros) / 1e6))) tokens/s"
    }
}

/// One raw WebSocket (swift-websocket's client) held open, able to ping on demand.
final class HeldSocket: Sendable {
    typealias Ping = CheckedContinuation<Duration, any Error>

    let connectTime: Duration
    private let requests: AsyncStream<Ping>.Continuation
    private let finished: Task<Void, Never>

    private init(connectTime: Duration, requests: AsyncStream<Ping>.Continuation, finished: Task<Void, Never>) {
        self.connectTime = connectTime
        self.requests = requests
        self.finished = finished
    }

    private static let logger: Logger = {
        var logger = Logger(label: "aishbench.ws")
        logger.logLevel = .critical
        return logger
    }()

    /// Connects to `url` and returns once the upgrade is done.
    static func open(_ url: String) async throws -> HeldSocket {
        let (requests, continuation) = AsyncStream.makeStream(of: Ping.self)
        let clock = ContinuousClock()
        let start = clock.now
        let ready = AsyncThrowingStream<Duration, any Error>.makeStream()
        let task = Task {
            do {
                try await WebSocketClient.connect(
                    url: url, configuration: .init(maxFrameSize: 1 << 20),
                    eventLoopGroup: MultiThreadedEventLoopGroup.singleton, logger: logger
                ) { inbound, outbound, _ in
                    ready.continuation.yield(clock.now - start)
                    var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                    for await ping in requests {
                        let sent = clock.now
                        do {
                            try await outbound.write(.text(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#))
                            _ = try await messages.next()
                            ping.resume(returning: clock.now - sent)
                        } catch {
                            ping.resume(throwing: error)
                        }
                    }
                }
                ready.continuation.finish()
            } catch {
                ready.continuation.finish(throwing: error)
            }
        }
        var iterator = ready.stream.makeAsyncIterator()
        guard let connectTime = try await iterator.next() else {
            throw BenchError("the WebSocket to \(url) closed before it opened")
        }
        return HeldSocket(connectTime: connectTime, requests: continuation, finished: task)
    }

    /// One `ping` round trip.
    func ping() async throws -> Duration {
        try await withCheckedThrowingContinuation { requests.yield($0) }
    }

    /// Closes the socket and waits until it has.
    func close() async {
        requests.finish()
        await finished.value
    }
}
