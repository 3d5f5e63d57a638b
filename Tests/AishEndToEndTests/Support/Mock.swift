import AishMockServer

/// A mock server as tests want it: an OS-chosen port, no pacing unless asked.
func withFastMock<T: Sendable>(
    faults: FaultPlan = .none,
    firstTokenLatency: Double = 0,
    tokensPerSecond: Double = 0,
    _ body: @Sendable (String) async throws -> T
) async throws -> T {
    let configuration = MockServerConfiguration(
        port: 0,
        tokensPerSecond: tokensPerSecond,
        firstTokenLatency: firstTokenLatency,
        faults: faults
    )
    return try await withMockServer(configuration, body)
}
