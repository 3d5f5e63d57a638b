/// One mock specialist: what v1 lists, what discovery scores, and how it talks.
struct Specialist: Sendable {
    /// A capability name with its score between 0 and 1.
    struct Score: Sendable, Equatable {
        let capability: String
        let value: Double
    }

    /// The plain id (`apollo`); also the v1 `component`.
    let id: String
    /// The display name (`Apollo`).
    let name: String
    /// The port Tekton gives the specialist; used in v1 and in connect errors.
    let port: Int
    /// Tekton's own description of the specialist.
    let description: String
    /// Tekton's category (`ai`, `planning`, `memory`, …).
    let category: String
    /// Capabilities it is best at, best first.
    let primary: [String]
    /// Scores over the shared capability vocabulary, best first.
    let scores: [Score]
    /// Tekton's own v1 capability tags, listed after the primary ones.
    let tags: [String]
    /// The model it claims to run.
    let model: String
    /// Context window in tokens.
    let contextWindow: Int
    /// Average response time in seconds.
    let averageResponseTime: Double
    /// Fraction of requests that succeed.
    let successRate: Double
    /// Whether it answers at all; unhealthy ones fail every request.
    let healthy: Bool

    /// The v1 `capabilities` list: primary capabilities, then Tekton's tags.
    var v1Capabilities: [String] {
        primary + tags.filter { !primary.contains($0) }
    }

    /// The discovery status.
    var status: String { healthy ? "active" : "inactive" }

    /// The score for a capability, or nil when it has none.
    func score(for capability: String) -> Double? {
        scores.first { $0.capability == capability }?.value
    }
}
