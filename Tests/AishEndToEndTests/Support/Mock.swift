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

/// How many of the mock's tokens make up `text`, the start of one of its replies: a
/// token is a newline, or a word with the spaces before it.
func mockTokenCount(_ text: Substring) -> Int {
    var count = 0
    var inWord = false
    for character in text {
        if character == "\n" {
            count += 1
            inWord = false
        } else if character == " " {
            inWord = false
        } else if !inWord {
            count += 1
            inWord = true
        }
    }
    return count
}
