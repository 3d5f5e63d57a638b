import AishKit
import AishTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every wait of the WebSocket transport is bounded (issue 12, item 7): a server
/// that never answers, answers the wrong call, sends junk, goes silent mid-reply or
/// never completes the upgrade ends the reply with an error naming the wait.
@Suite("Transport deadlines", .timeLimit(.minutes(1)))
struct TransportDeadlineTests {
    static let request = ChatRequest(specialistID: "apollo", message: "hello")
    static let short = WebSocketTransport.Options(
        resumePolicy: .never,
        timeouts: Timeouts(connect: .seconds(20), firstAnswer: .milliseconds(50), silence: .milliseconds(50)))

    /// Scripts that take the call and then never answer it usefully.
    static let unanswered: [(String, WebSocketScriptServer.Script)] = [
        ("nothing", { peer in _ = try await peer.receiveCall() }),
        (
            "a wrong id",
            { peer in
                guard let call = try await peer.receiveCall() else { return }
                try await peer.send(#"{"jsonrpc":"2.0","id":\#(call.id + 99),"result":{"content":"not yours"}}"#)
            }
        ),
        (
            "an invalid frame",
            { peer in
                _ = try await peer.receiveCall()
                try await peer.send("{not json")
            }
        ),
    ]

    private func reply(
        _ script: @escaping WebSocketScriptServer.Script, options: WebSocketTransport.Options = short
    ) async throws -> CollectedReply {
        let untilClosed: WebSocketScriptServer.Script = { peer in
            try await script(peer)
            while try await peer.receive() != nil {}  // until the client gives up
        }
        return try await WebSocketScriptServer.with(script: untilClosed) { base, _ in
            let transport = WebSocketTransport(client: try TektonClient(baseURL: base), options: options)
            defer { Task { await transport.close() } }
            return await collect(transport.stream(Self.request))
        }
    }

    @Test(arguments: 0..<3)
    func aServerThatNeverAnswersTimesOut(_ index: Int) async throws {
        let (name, script) = Self.unanswered[index]
        let reply = try await reply(script)
        guard case .streamInterrupted(let id, let reason)? = reply.aishError else {
            Issue.record("expected streamInterrupted for \(name), got \(String(describing: reply.error))")
            return
        }
        #expect(id == "apollo")
        #expect(reason == "the server sent no answer within 0.05 s")
    }

    @Test func silenceMidReplyTimesOutAndKeepsTheText() async throws {
        var options = Self.short
        options.timeouts.firstAnswer = .seconds(20)
        let reply = try await reply(
            { peer in
                guard let call = try await peer.receiveCall() else { return }
                try await peer.start(call.id)
                try await peer.chunk(call.id, 0)
            }, options: options)
        #expect(reply.text == ScriptedReply.words[0])
        guard case .streamInterrupted(_, let reason)? = reply.aishError else {
            Issue.record("expected streamInterrupted, got \(String(describing: reply.error))")
            return
        }
        #expect(reason == "the server sent nothing more within 0.05 s")
    }

    @Test func anUpgradeThatNeverCompletesTimesOut() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let client = try TektonClient(baseURL: "http://127.0.0.1:\(listener.port)")
        var options = Self.short
        options.timeouts.connect = .milliseconds(200)
        let transport = WebSocketTransport(client: client, options: options)
        let reply = await collect(transport.stream(Self.request))
        await transport.close()
        guard case .serverUnreachable(_, let reason)? = reply.aishError else {
            Issue.record("expected serverUnreachable, got \(String(describing: reply.error))")
            return
        }
        #expect(reason == "the connection and WebSocket upgrade did not complete within 0.2 s")
    }
}

/// A TCP socket on 127.0.0.1 and a free port that listens and never accepts: the
/// kernel completes the handshake, and the upgrade request is never answered.
typealias SilentListener = LoopbackSocket

extension LoopbackSocket {
    init() throws { try self.init(listening: true) }
}
