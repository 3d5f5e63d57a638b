import AishKit
import AishMockServer
import ArgumentParser

/// `aish mock`: the built-in mock specialist server, serving the whole protocol.
struct MockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Run the built-in mock Tekton server until interrupted.",
        discussion: """
            Replies are made up deterministically from the specialist and the message. \
            Faults can be injected for every request with --fault, or per request with \
            the X-Aish-Fault header, in the form `drop-after=N,error-at=N,fatal-at=N,\
            first-token-delay=SECONDS,unavailable,rate-limited=N`.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 lets the system choose).")
    var port = 8003

    @Option(help: ArgumentHelp("Pace of replies; 0 sends as fast as possible.", valueName: "n"))
    var tokensPerSecond: Double = 40

    @Option(help: ArgumentHelp("Seconds before the first token, e.g. 0.25.", valueName: "seconds"))
    var firstTokenLatency: Double = 0.35

    @Option(help: ArgumentHelp("Faults to inject into every streamed reply.", valueName: "faults"))
    var fault: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port).") }
        guard tokensPerSecond >= 0, tokensPerSecond.isFinite else {
            throw ValidationError("--tokens-per-second must be 0 or more, not \(tokensPerSecond).")
        }
        guard firstTokenLatency >= 0, firstTokenLatency.isFinite else {
            throw ValidationError("--first-token-latency must be 0 or more seconds, not \(firstTokenLatency).")
        }
        if let fault {
            do { _ = try FaultPlan(parsing: fault) } catch { throw ValidationError("--fault: \(error)") }
        }
    }

    func run() async throws {
        let configuration = MockServerConfiguration(
            host: host,
            port: port,
            tokensPerSecond: tokensPerSecond,
            firstTokenLatency: firstTokenLatency,
            faults: try fault.map { try FaultPlan(parsing: $0) } ?? .none
        )
        do {
            try await MockServer(configuration: configuration).run { url in
                try? FileDescriptorSink.standardOutput.write("aish mock server listening on \(url)\n")
            }
        } catch {
            throw ErrorReporter.report(
                AishError.invalidArgument(
                    name: "--host/--port",
                    value: "\(host):\(port)",
                    hint: "cannot listen there (\(error)); choose another port, or --port 0"
                )
            )
        }
    }
}
