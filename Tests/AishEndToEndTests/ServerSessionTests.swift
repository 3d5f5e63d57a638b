import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Server-side sessions (PROTOCOL.md §4) through the real binary: a single question
/// opens none, continuing opens one seeded with the earlier turns and remembers it,
/// later messages go alone in it, and when the server has lost or expired it, aish
/// opens a new one seeded with the earlier turns.
@Suite(.timeLimit(.minutes(2))) struct ServerSessionTests {
    private struct Exported: Decodable {
        var serverSessionId: String?
        var messageCount: Int
    }

    private struct ServerSession: Decodable {
        struct Message: Decodable {
            var role: String
            var content: String
        }
        var id: String
        var specialistId: String
        var messages: [Message]
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(type, from: data)
    }

    private func latest(_ sandbox: SessionSandbox) async throws -> Exported {
        let list = try await AishProcess.run(["sessions", "--json"], environment: sandbox.environment)
        struct Listed: Decodable { var id: String }
        let id = try #require(try Self.decode([Listed].self, list.stdout).first?.id)
        let shown = try await AishProcess.run(["sessions", "show", id, "--json"], environment: sandbox.environment)
        return try Self.decode(Exported.self, shown.stdout)
    }

    private func serverSession(_ url: String, _ id: String, delete: Bool = false) async throws -> (
        Int, ServerSession?
    ) {
        var request = HTTPClientRequest(url: "\(url)/api/v2/sessions/\(id)")
        if delete { request.method = .DELETE }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        let status = Int(response.status.code)
        guard status == 200, !delete else { return (status, nil) }
        return (status, try Self.decode(ServerSession.self, Data(buffer: body)))
    }

    /// The user messages the server's session holds, in order.
    private func asked(_ session: ServerSession?) -> [String] {
        session?.messages.filter { $0.role == "user" }.map(\.content) ?? []
    }

    @Test(arguments: ["ws", "sse"])
    func continuingSendsTheMessageAloneAndALostSessionIsReopenedWithTheTurns(transport: String) async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let arguments = ["--url", url, "--transport", transport, "--max-tokens", "12"]
                // A single question opens no server session (no round trip before its first token).
                let first = try await AishProcess.run(
                    arguments + ["apollo", "first question"], environment: sandbox.environment)
                #expect(first.status == 0, "\(first.errors)")
                #expect(try await latest(sandbox).serverSessionId == nil)

                // Continuing opens one, seeded with the earlier turns.
                let second = try await AishProcess.run(
                    arguments + ["-c", "apollo", "second question"], environment: sandbox.environment)
                #expect(second.status == 0, "\(second.errors)")
                let opened = try #require(try await latest(sandbox).serverSessionId)
                let seeded = asked(try await serverSession(url, opened).1)
                #expect(seeded.count == 1)
                #expect(seeded.first?.hasPrefix("[Earlier in this conversation]") == true)
                #expect(seeded.first?.contains("User: first question") == true)
                #expect(seeded.first?.hasSuffix("second question") == true)

                // The next message goes alone into that session.
                let third = try await AishProcess.run(
                    arguments + ["-c", "apollo", "third question"], environment: sandbox.environment)
                #expect(third.status == 0, "\(third.errors)")
                #expect(try await latest(sandbox).serverSessionId == opened)
                #expect(asked(try await serverSession(url, opened).1).dropFirst() == ["third question"])

                // The server loses the session; the next message opens a new one with the turns.
                #expect(try await serverSession(url, opened, delete: true).0 == 200)
                let fourth = try await AishProcess.run(
                    arguments + ["-c", "apollo", "fourth question"], environment: sandbox.environment)
                #expect(fourth.status == 0, "\(fourth.errors)")
                #expect(fourth.errors.contains("SESSION_EXPIRED"))
                #expect(fourth.errors.contains("opened a new one"))
                #expect(!fourth.output.isEmpty)
                let renewed = try #require(try await latest(sandbox).serverSessionId)
                #expect(renewed != opened)
                let fresh = try #require(asked(try await serverSession(url, renewed).1).first)
                #expect(fresh.hasPrefix("[Earlier in this conversation]"))
                for question in ["first", "second", "third"] { #expect(fresh.contains("User: \(question) question")) }
                #expect(fresh.hasSuffix("fourth question"))
                #expect(try await latest(sandbox).messageCount == 8)
            }
        }
    }

    @Test func v1TransportsKeepSendingTheTurnsAsContext() async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                _ = try await AishProcess.run(
                    ["--url", url, "--transport", "v1", "apollo", "first question"], environment: sandbox.environment)
                #expect(try await latest(sandbox).serverSessionId == nil)
            }
        }
    }
}
