#if canImport(Glibc)
    import Glibc
#endif

/// One HTTP/1.1 request, as the scripted server needs it.
struct HTTPRequest: Sendable {
    let method: String
    /// The path without the query.
    let path: String
    /// Header names in lower case.
    let headers: [String: String]
    let body: [UInt8]

    /// HTTP/1.1 keeps the connection open unless the client says `Connection: close`.
    var keepsAlive: Bool { headers["connection"]?.lowercased() != "close" }
}

/// Reads HTTP/1.1 requests one after another from a connected socket:
/// `Content-Length` and chunked bodies, keep-alive.
struct HTTPRequestReader {
    let socket: Int32
    private var buffer: [UInt8] = []

    init(socket: Int32) { self.socket = socket }

    /// The next request, or nil when the client closed the connection between requests.
    mutating func next() throws(BenchError) -> HTTPRequest? {
        var headEnd = 0
        while true {
            if let end = Self.find([13, 10, 13, 10], in: buffer) {
                headEnd = end
                break
            }
            if try !fill() {
                if buffer.isEmpty { return nil }
                throw BenchError("the client closed the connection in the middle of a request")
            }
        }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        let requestLine = (lines.popFirst() ?? "").split(separator: " ")
        guard requestLine.count == 3 else {
            throw BenchError("bad request line '\(requestLine.joined(separator: " "))'")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingBlanks()
        }
        let body: [UInt8]
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            body = try readChunkedBody()
        } else {
            body = try read(count: Int(headers["content-length"] ?? "0") ?? 0)
        }
        let target = requestLine[1]
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? String(target)
        return HTTPRequest(method: String(requestLine[0]), path: path, headers: headers, body: body)
    }

    private mutating func readChunkedBody() throws(BenchError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = String(decoding: try readLine(), as: UTF8.self)
            let sizeText = sizeLine.split(separator: ";").first.map { $0.trimmingBlanks() } ?? ""
            guard let size = Int(sizeText, radix: 16) else { throw BenchError("bad chunk size '\(sizeLine)'") }
            if size == 0 {
                while try !readLine().isEmpty {}  // trailers, up to the empty line
                return body
            }
            body += try read(count: size)
            _ = try readLine()
        }
    }

    /// A line without its CRLF.
    private mutating func readLine() throws(BenchError) -> [UInt8] {
        while true {
            if let end = Self.find([13, 10], in: buffer) {
                let line = Array(buffer[..<end])
                buffer.removeFirst(end + 2)
                return line
            }
            guard try fill() else { throw BenchError("the client closed the connection in a chunked body") }
        }
    }

    private mutating func read(count: Int) throws(BenchError) -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw BenchError("the client closed the connection in a request body") }
        }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Appends what the socket has; false at end of stream.
    private mutating func fill() throws(BenchError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer += chunk[..<received]
                return true
            }
            if received == 0 { return false }
            if errno == EINTR { continue }
            if errno == ECONNRESET { return false }
            throw .system("recv")
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
