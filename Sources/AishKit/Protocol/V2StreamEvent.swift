/// One event of a v2 reply stream (PROTOCOL.md §3), read from its SSE event.
public enum V2StreamEvent: Sendable, Equatable {
    /// The server accepted the request; `requestID` is what a resume needs.
    case start(requestID: String?)
    /// The next piece of reply text.
    case content(String)
    /// A problem; when `recoverable` the reply goes on, otherwise the stream ends.
    case error(code: String?, message: String, recoverable: Bool)
    /// The reply is complete.
    case done(tokensUsed: Int?, finishReason: String?)
    /// An event type this client does not know; newer servers may send some.
    case unknown(type: String)

    /// Reads an SSE event. The type is the SSE event name, or, for an unnamed event
    /// (`"message"`), the `type` member of its JSON data.
    public init(_ event: SSEEvent) throws(WireFormatError) {
        // Nearly every event is a named `content` event: its text is read in one pass,
        // without building the whole object (as the OpenAI stream's chunks are, the
        // members it skips are checked for their grammar only). Anything unusual (no
        // `data` string, an escaped key, malformed JSON) is left to the full reading
        // below, whose answer and errors are the reference.
        if event.event == "content", let text = Self.contentText(event.data) {
            self = .content(text)
            return
        }
        try self.init(readingWhole: event.data, event: event.event)
    }

    /// Reads an SSE event whose data an ``SSEDecoder`` lends as bytes: a `content`
    /// event's text is read from them, and only another event's data becomes a string.
    /// `dataString` is where that text's string token lies in the bytes (quotes
    /// included) when the one-pass reading found it.
    init(event: String, data: UnsafeBufferPointer<UInt8>, dataString: inout Range<Int>?) throws(WireFormatError) {
        if event == "content", let text = Self.contentText(data, dataString: &dataString) {
            self = .content(text)
            return
        }
        dataString = nil
        try self.init(readingWhole: String(decoding: data, as: UTF8.self), event: event)
    }

    /// The full reading: the whole JSON object, then the event by its type.
    private init(readingWhole data: String, event: String) throws(WireFormatError) {
        let object: FlatJSONObject
        do {
            object = try FlatJSONObject(parsing: data)
        } catch {
            throw WireFormatError(error, in: "stream event data")
        }
        let type = event == "message" ? object.string("type") : event
        switch type {
        case "content":
            guard let text = object.string("data") else {
                throw WireFormatError("a content event without a \"data\" string")
            }
            self = .content(text)
        case "start":
            self = .start(requestID: object.string("request_id"))
        case "error":
            self = .error(
                code: object.string("code"),
                message: object.string("message") ?? "the server reported an error without a message",
                recoverable: object.bool("recoverable") ?? false
            )
        case "done":
            self = .done(tokensUsed: object.int("tokens_used"), finishReason: object.string("finish_reason"))
        case .some(let other):
            self = .unknown(type: other)
        case nil:
            throw WireFormatError("a stream event with neither an event name nor a \"type\"")
        }
    }

    /// The `data` string of a content event's JSON, as the full reading finds it (the
    /// last `data` member); nil when the JSON is not plainly an object with one.
    static func contentText(_ data: String) -> String? {
        var data = data
        return data.withUTF8 { contentText($0) }
    }

    /// The same, from the data's UTF-8 bytes.
    static func contentText(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var dataString: Range<Int>?
        return contentText(bytes, dataString: &dataString)
    }

    /// The same, and where the text's string token lies in `bytes`.
    static func contentText(_ bytes: UnsafeBufferPointer<UInt8>, dataString: inout Range<Int>?) -> String? {
        var scanner = JSONScanner(bytes)
        var text: String?
        var plain = true
        do {
            try scanner.readObject { scanner, key throws(WireFormatError) in
                if key.contains(ASCII.backslash) {
                    plain = false
                    try scanner.skipValue()
                } else if JSONScanner.key(key, is: "data") {
                    let start = scanner.position
                    text = try scanner.readString()
                    if text == nil { plain = false }
                    dataString = start..<scanner.position
                } else {
                    try scanner.skipValue()
                }
            }
            try scanner.finish()
        } catch {
            dataString = nil
            return nil
        }
        guard plain, let text else {
            dataString = nil
            return nil
        }
        return text
    }
}
