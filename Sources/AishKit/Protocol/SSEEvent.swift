/// One event dispatched by an ``SSEDecoder`` (a server-sent event, WHATWG HTML §9.2).
public struct SSEEvent: Sendable, Equatable {
    /// The last event id in force when the event was dispatched; `nil` when none was
    /// ever set, or when the server reset it with an empty `id:` field.
    public var id: String?
    /// The `event:` field, or `"message"` when the event had none.
    public var event: String
    /// The `data:` lines of the event, joined by `"\n"`.
    public var data: String

    /// Creates an event; the defaults are those of an event with only `data:` lines.
    public init(id: String? = nil, event: String = "message", data: String) {
        self.id = id
        self.event = event
        self.data = data
    }
}
