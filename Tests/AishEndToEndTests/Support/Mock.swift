import AishMockServer

/// A mock server as tests want it: an OS-chosen port, no pacing unless asked.
func withFastMock<T: Sendable>(
    faults: FaultPlan = .none,
    firstTokenLatency: Double = 0,
    tokensPerSecond: Double = 0,
    hold: GenerationHold? = nil,
    _ body: @Sendable (String) async throws -> T
) async throws -> T {
    var configuration = MockServerConfiguration(
        port: 0,
        tokensPerSecond: tokensPerSecond,
        firstTokenLatency: firstTokenLatency,
        faults: faults
    )
    configuration.generationHold = hold
    return try await withMockServer(configuration, body)
}

/// The Rhetor profile of the mock (v1 only, as Tekton's Rhetor answers today), on an
/// OS-chosen port, its simulated stream at `chunkPause` seconds per chunk.
func withRhetorMock<T: Sendable>(
    chunkPause: Double = 0.001,
    _ body: @Sendable (String) async throws -> T
) async throws -> T {
    try await withMockServer(.rhetor(port: 0, options: RhetorOptions(chunkPause: chunkPause)), body)
}
