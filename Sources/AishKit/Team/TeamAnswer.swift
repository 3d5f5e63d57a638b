/// One specialist's answer in a team chat.
public struct TeamAnswer: Sendable, Equatable {
    /// The specialist's id on the server (`apollo-ci`).
    public var specialistID: String
    /// The answer's text (empty when it failed).
    public var content: String
    /// Why the specialist failed, when it did (Rhetor's model error, for example).
    public var failure: String?

    /// An answer from `specialistID`.
    public init(specialistID: String, content: String, failure: String? = nil) {
        self.specialistID = specialistID
        self.content = content
        self.failure = failure
    }

    /// The answer Rhetor sends as `content`: its model error dict (`{'type': 'error', …}`)
    /// becomes a failure, never text.
    static func received(from specialistID: String, content: String) -> TeamAnswer {
        let id = TerminalText.sanitized(specialistID)
        if let failure = RhetorModelError.message(in: content) {
            return TeamAnswer(specialistID: id, content: "", failure: failure)
        }
        return TeamAnswer(specialistID: id, content: content)
    }
}

/// A server that runs Tekton's team chat itself (Rhetor's `/api/team-chat`): the
/// seam between ``TeamChat`` and the network, answered by ``TektonClient`` and, in
/// tests, by the scripted server.
public protocol TeamChatServer: ChatServer {
    /// Every answer to `message`, as each arrives: the event stream
    /// (`GET /api/team-chat/stream`), else the one JSON answer (`POST /api/team-chat`).
    /// Throws ``AishError/transportUnavailable(_:reason:)`` when the server has neither.
    func teamChat(_ message: String) -> AsyncThrowingStream<TeamAnswer, any Error>
}
