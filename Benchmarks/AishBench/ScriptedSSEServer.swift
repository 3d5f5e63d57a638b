import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 that plays one scripted specialist, `apollo`,
/// with the timing of its stream in the bench's hands (see ``StreamGate``).
///
/// POSIX sockets, a thread per connection, keep-alive for the JSON answers; the
/// stream is chunked and ends with `Connection: close`. Anything else gets a 404
/// and is remembered in ``unexpectedRequests`` for error messages.
final class ScriptedSSEServer: Sendable {
    /// The port the system chose.
    let port: UInt16
    private let listener: Int32
    private let gate = Mutex(StreamGate())
    private let unexpected = Mutex<[String]>([])

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Binds 127.0.0.1 on a free port and starts accepting connections.
    init() throws(BenchError) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw .system("socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 64) == 0
                    && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else {
            let error = BenchError.system("bind/listen on 127.0.0.1")
            close(listener)
            throw error
        }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread { [self] in acceptLoop() }.start()
    }

    /// Stops accepting (the accept thread then closes the listener); connections
    /// already open finish on their own.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    /// A fresh gate for the next streamed reply; the stream request that arrives next uses it.
    func nextStream() -> StreamGate {
        let fresh = StreamGate()
        gate.withLock { $0 = fresh }
        return fresh
    }

    /// Requests the script does not know, as `METHOD /path`.
    var unexpectedRequests: [String] { unexpected.withLock { $0 } }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                close(listener)  // stop() shut it down
                return
            }
            // No accept4 in Swift's Glibc; aish is never spawned while it is connecting.
            _ = fcntl(connection, F_SETFD, FD_CLOEXEC)
            var noDelay: Int32 = 1
            setsockopt(connection, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            Thread { [self] in
                serve(connection)
                close(connection)
            }.start()
        }
    }

    private func serve(_ connection: Int32) {
        var reader = HTTPRequestReader(socket: connection)
        do {
            while let request = try reader.next() {
                switch (request.method, request.path) {
                case ("GET", "/api/capabilities"):
                    try Self.write(Self.json(Script.capabilities), to: connection)
                case ("GET", "/api/v1/ai/specialists"):
                    try Self.write(Self.json(Script.specialists), to: connection)
                case ("POST", "/api/v2/ai/apollo/stream"):
                    try stream(to: connection, gate: gate.withLock { $0 })
                    return
                default:
                    unexpected.withLock { $0.append("\(request.method) \(request.path)") }
                    try Self.write(Self.json(#"{"detail":"Not Found"}"#, status: "404 Not Found"), to: connection)
                }
                if !request.keepsAlive { return }
            }
        } catch {
            // The client went away; the bench notices through aish's exit status.
        }
    }

    private func stream(to connection: Int32, gate: StreamGate) throws(BenchError) {
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        try Self.write(Array(head.utf8) + Self.chunk(Script.startEvent), to: connection)
        gate.serverWroteStart()
        guard gate.serverAwaitsGo() else { return }
        let content = Self.chunk(Script.contentEvent)
        gate.serverWritesFirstToken()
        try Self.write(content, to: connection)
        guard gate.serverAwaitsFinish() else { return }
        try Self.write(Self.chunk(Script.doneEvent) + Array("0\r\n\r\n".utf8), to: connection)
    }

    private static func json(_ body: String, status: String = "200 OK") -> [UInt8] {
        let head = "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        return Array((head + body).utf8)
    }

    private static func chunk(_ text: String) -> [UInt8] {
        Array("\(String(text.utf8.count, radix: 16))\r\n\(text)\r\n".utf8)
    }

    private static func write(_ bytes: [UInt8], to connection: Int32) throws(BenchError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw .system("send")
            }
            offset += sent
        }
    }
}

/// What the scripted server answers.
private enum Script {
    static let capabilities = """
        {"version":"2.0","features":{"streaming":true,"sessions":false,"bulk_operations":false,\
        "websocket":false,"enhanced_discovery":false},"api_versions":["v1","v2"]}
        """
    static let specialists = """
        [{"ai_id":"apollo","component":"apollo","name":"Apollo","port":0,"host":"localhost",\
        "description":"d","category":"ai","capabilities":[],"healthy":true,"in_roster":true}]
        """
    static let startEvent = """
        id: 0\nevent: start\ndata: {"type":"start","specialist_id":"apollo","request_id":"req_bench"}\n\n
        """
    static let contentEvent = """
        id: 1\nevent: content\ndata: {"type":"content","data":"Hello","specialist_id":"apollo"}\n\n
        """
    static let doneEvent = """
        id: 2\nevent: done\ndata: {"type":"done","tokens_used":1,"finish_reason":"stop"}\n\n
        """
}
