import Foundation
import Testing

@testable import AishMockServer

/// `resume {request, after_chunk}`: a client that lost its socket continues the
/// reply on a new one, from the same event log as SSE's `Last-Event-ID`.
@Suite(.timeLimit(.minutes(1))) struct WebSocketResumeTests {
    static let params = #"{"message":"resume me","max_tokens":300}"#

    /// Streams the reply on a socket that drops after `dropAfter` events; returns
    /// the request id and the chunks received.
    private func droppedRun(_ base: String, faults: String) async throws -> (String, [(Int, String)]) {
        let received = ReceivedChunks()
        try await withSocket(webSocketURL(base, "metis"), headers: ["X-Aish-Fault": faults]) { socket in
            try await socket.send(rpc(1, "stream", Self.params))
            for message in try await socket.receiveAllObjects() { received.add(message) }
        }
        return (try #require(received.requestID), received.chunks)
    }

    @Test func resumeAfterAnInjectedDropEqualsTheCleanRun() async throws {
        let state = MockServerState(configuration: fastConfiguration(tokensPerSecond: 2_000, grace: 0))
        try await withMockServer(state: state, logger: testLogger) { base in
            let clean = Reply(
                specialist: try #require(Roster.specialist("metis")), message: "resume me", maxTokens: 300
            ).text
            let (requestID, firstPart) = try await droppedRun(base, faults: "drop-after=6")
            #expect(firstPart.map(\.0) == [0, 1, 2, 3, 4])
            try await withSocket(webSocketURL(base, "metis")) { socket in
                try await socket.send(rpc(1, "resume", #"{"request":"\#(requestID)","after_chunk":4}"#))
                let messages = try await socket.receive(untilResponseTo: 1)
                let chunks = messages.filter { $0["method"] as? String == "stream.chunk" }
                #expect(chunks.first?.params["chunk_index"] as? Int == 5)
                #expect(chunks.allSatisfy { $0.params["request"] as? Int == 1 })
                let text = firstPart.map(\.1).joined() + chunks.compactMap { $0.params["content"] as? String }.joined()
                #expect(text == clean)
                #expect((messages.last?["result"] as? [String: Any])?["total_chunks"] as? Int == 300)
            }
        }
    }

    @Test func resumeReplaysARecoverableErrorAtItsPlace() async throws {
        try await withMockServer(state: MockServerState(configuration: fastConfiguration()), logger: testLogger) {
            base in
            let (requestID, firstPart) = try await droppedRun(base, faults: "error-at=2,drop-after=5")
            #expect(firstPart.map(\.0) == [0, 1, 2])
            try await withSocket(webSocketURL(base, "metis")) { socket in
                try await socket.send(rpc(1, "resume", #"{"request":"\#(requestID)","after_chunk":0}"#))
                let messages = try await socket.receive(untilResponseTo: 1)
                let methods = messages.compactMap { $0["method"] as? String }
                #expect(Array(methods.prefix(3)) == ["stream.start", "stream.error", "stream.chunk"])
                #expect(
                    messages.first { $0["method"] as? String == "stream.chunk" }?.params["chunk_index"] as? Int == 1)
            }
        }
    }

    @Test func unknownExpiredOrMismatchedStreamsCannotBeResumed() async throws {
        try await withMockServer(state: MockServerState(configuration: fastConfiguration()), logger: testLogger) {
            base in
            try await withSocket(webSocketURL(base)) { socket in
                try await socket.send(rpc(1, "resume", #"{"request":"req_000000000000","after_chunk":3}"#))
                let unknown = try await socket.receiveObject()
                #expect(unknown.errorCode == -32602)
                #expect(
                    ((unknown["error"] as? [String: Any])?["data"] as? [String: Any])?["code"] as? String
                        == "REQUEST_NOT_FOUND")
                try await socket.send(rpc(2, "resume", #"{"after_chunk":3}"#))
                #expect(try await socket.receiveObject().errorCode == -32602)
                try await socket.send(rpc(3, "resume", #"{"request":"req_1","after_chunk":-2}"#))
                #expect(try await socket.receiveObject().errorCode == -32602)
                try await socket.send(rpc(4, "stream", #"{"message":"hi","max_tokens":3}"#))
                let messages = try await socket.receive(untilResponseTo: 4)
                let requestID = try #require(messages.first?.params["request_id"] as? String)
                try await withSocket(webSocketURL(base, "athena")) { other in
                    try await other.send(rpc(1, "resume", #"{"request":"\#(requestID)"}"#))
                    #expect(try await other.receiveObject().errorCode == -32602)
                }
                // A finished stream replays whole from the start while it is kept.
                try await socket.send(rpc(5, "resume", #"{"request":"\#(requestID)"}"#))
                let replay = try await socket.receive(untilResponseTo: 5)
                #expect(replay.filter { $0["method"] as? String == "stream.chunk" }.count == 3)
            }
        }
    }

    @Test func chunkNumberingSkipsTheInjectedError() {
        let plain = RPCChunkNumbering(faults: .none)
        #expect(plain.eventID(ofChunk: -1) == 0)
        #expect(plain.eventID(ofChunk: 0) == 1)
        #expect(plain.eventID(ofChunk: 9) == 10)
        let shifted = RPCChunkNumbering(faults: FaultPlan(recoverableErrorAt: 3))
        #expect(shifted.eventID(ofChunk: 1) == 2)
        #expect(shifted.eventID(ofChunk: 2) == 4)
    }
}

/// Chunks and the request id gathered from a socket, shared with its handler.
private final class ReceivedChunks: @unchecked Sendable {
    private let lock = NSLock()
    private var storedChunks: [(Int, String)] = []
    private var storedRequestID: String?

    func add(_ message: [String: Any]) {
        lock.lock()
        defer { lock.unlock() }
        switch message["method"] as? String {
        case "stream.start": storedRequestID = message.params["request_id"] as? String
        case "stream.chunk":
            storedChunks.append(
                (message.params["chunk_index"] as? Int ?? -1, message.params["content"] as? String ?? ""))
        default: break
        }
    }

    var chunks: [(Int, String)] { lock.withLock { storedChunks } }
    var requestID: String? { lock.withLock { storedRequestID } }
}
