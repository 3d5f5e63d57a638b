/// The answer to a v1 `POST /api/v1/ai/specialists/{id}/message` (PROTOCOL.md §2).
///
/// Tekton answers HTTP 200 even when the specialist failed: `success` is what says
/// whether `response` holds a reply or `error` an explanation.
public struct V1MessageResult: Sendable, Equatable, Codable {
    /// Whether the specialist answered.
    public var success: Bool
    /// The specialist's id, as the server echoes it.
    public var aiID: String?
    /// The reply text when `success` is true.
    public var response: String?
    /// What went wrong when `success` is false.
    public var error: String?

    /// Creates a result.
    public init(success: Bool, aiID: String? = nil, response: String? = nil, error: String? = nil) {
        self.success = success
        self.aiID = aiID
        self.response = response
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case success, response, error
        case aiID = "ai_id"
    }
}
