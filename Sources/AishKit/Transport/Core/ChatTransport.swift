/// A way of sending a chat request to a Tekton server and receiving the reply.
///
/// Implementations turn their wire format into ``ChatEvent``s. Cancelling the task
/// that iterates the stream must cancel the request on the server (close the
/// connection, or send `cancel`).
public protocol ChatTransport: Sendable {
    /// Which wire protocol this transport speaks.
    var kind: TransportKind { get }
    /// Sends `request` and streams the reply. The stream finishes after `.done`, or
    /// throws an ``AishError``.
    func stream(_ request: ChatRequest) -> AsyncThrowingStream<ChatEvent, any Error>
    /// Whether requests for `specialistID` carry the conversation so far in
    /// ``ChatRequest/earlierTurns`` (the server keeps none), rather than as a
    /// context block in front of the message.
    func takesEarlierTurns(for specialistID: String) -> Bool
}

extension ChatTransport {
    /// Tekton's transports take the message alone.
    public func takesEarlierTurns(for specialistID: String) -> Bool { false }
}
