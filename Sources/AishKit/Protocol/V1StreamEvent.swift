/// One event of a v1 reply stream (`/api/v1/ai/stream/chat/{id}`, PROTOCOL.md §2):
/// unnamed SSE events whose data is `{"chunk": …}`, `{"done": true}` or `{"error": …}`.
public enum V1StreamEvent: Sendable, Equatable {
    /// The next piece of reply text.
    case chunk(String)
    /// The reply is complete.
    case done
    /// The specialist failed; the stream ends.
    case error(String)
    /// Data with none of the known members; ignored, for forward compatibility.
    case unknown

    /// Reads an SSE event's data.
    public init(_ event: SSEEvent) throws(WireFormatError) {
        let object: FlatJSONObject
        do {
            object = try FlatJSONObject(parsing: event.data)
        } catch {
            throw WireFormatError(error, in: "stream event data")
        }
        if let chunk = object.string("chunk") {
            self = .chunk(chunk)
        } else if let failure = object["error"], failure != .null {
            switch failure {
            case .string(let message): self = .error(message)
            default: self = .error("the server reported an error without a message")
            }
        } else if object.bool("done") == true {
            self = .done
        } else {
            self = .unknown
        }
    }
}
