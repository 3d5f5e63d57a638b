/// Builds v2 event-stream text (PROTOCOL.md §3) for scripted servers.
enum V2Script {
    static func event(_ id: Int, _ type: String, _ json: String) -> String {
        "id: \(id)\nevent: \(type)\ndata: \(json)\n\n"
    }

    static func start(_ id: Int = 0, requestID: String = "req_1") -> String {
        event(id, "start", #"{"type":"start","specialist_id":"apollo","request_id":"\#(requestID)"}"#)
    }

    static func content(_ id: Int, _ text: String) -> String {
        event(id, "content", #"{"type":"content","data":"\#(text)","specialist_id":"apollo"}"#)
    }

    static func done(_ id: Int, tokens: Int) -> String {
        event(id, "done", #"{"type":"done","tokens_used":\#(tokens),"finish_reason":"stop"}"#)
    }

    /// The words of the scripted reply; event `n` (from 1) carries word `n - 1`.
    static let words = (1...10).map { "w\($0)\\u00e9 " }

    /// The reply text an undisturbed stream yields.
    static let fullText = (1...10).map { "w\($0)é " }.joined()

    /// Events `first` through `last` of the reply (ids 1...10), then `done` (id 11)
    /// when `last` reaches the end.
    static func events(from first: Int, through last: Int) -> String {
        var text = first <= last ? (first...last).map { content($0, words[$0 - 1]) }.joined() : ""
        if last >= 10 { text += done(11, tokens: 10) }
        return text
    }

    /// The head of a stream delimited by closing the connection.
    static let closeDelimitedHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
}
