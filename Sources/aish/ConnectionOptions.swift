import AishKit
import AishMockServer
import ArgumentParser
import Foundation

/// Options that say which Tekton server to talk to, and how.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Tekton server's base URL (or AISH_URL).", valueName: "url"))
    var url: String?

    @Flag(name: .long, help: "Start the built-in mock server in-process and talk to it.")
    var mock = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Force a transport: ws (WebSocket), sse (v2 SSE), v1 (v1 SSE), v1-post.", valueName: "transport")
    )
    var transport: TransportChoiceArgument?

    @Flag(name: .shortAndLong, help: "Say which transport is used and why, and print timings, on standard error.")
    var verbose = false

    static let defaultURL = "http://127.0.0.1:8003"

    /// Runs `body` with a client for the chosen server: the in-process mock with
    /// `--mock`, else `--url`, else `AISH_URL`, else the default.
    func withClient<T: Sendable>(_ body: @Sendable (TektonClient) async throws -> T) async throws -> T {
        if mock {
            let configuration = MockServerConfiguration(port: 0)
            return try await withMockServer(configuration) { url in
                try await body(try TektonClient(baseURL: url))
            }
        }
        let environment = ProcessInfo.processInfo.environment
        let chosen = url ?? environment["AISH_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultURL
        return try await body(try TektonClient(baseURL: chosen))
    }
}

/// The `--transport` values.
enum TransportChoiceArgument: String, ExpressibleByArgument, CaseIterable {
    case ws
    case sse
    case v1
    case v1Post = "v1-post"

    var kind: TransportKind {
        switch self {
        case .ws: .websocket
        case .sse: .sse
        case .v1: .v1Stream
        case .v1Post: .v1Post
        }
    }
}
