import AishMockServer

/// A mock server as tests want it: an OS-chosen port, no pacing.
func withFastMock<T: Sendable>(
    faults: FaultPlan = .none,
    firstTokenLatency: Double = 0,
    _ body: @Sendable (String) async throws -> T
) async throws -> T {
    let configuration = MockServerConfiguration(
        port: 0,
        tokensPerSecond: 0,
        firstTokenLatency: firstTokenLatency,
        faults: faults
    )
    return try await withMockServer(configuration, body)
}
