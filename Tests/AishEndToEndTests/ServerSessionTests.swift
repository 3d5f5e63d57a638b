import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

/// Server-side sessions (PROTOCOL.md §4) through the real binary: a chat opens one
/// and remembers it, `-c` sends the message alone in it, and when the server has
/// lost or expired it, aish opens a new one seeded with the earlier turns.
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

    @Test(arguments: ["ws", "sse"])
    func continuingSendsTheMessageAloneAndALostSessionIsReopenedWithTheTurns(transport: String) async throws {
        try await SessionSandbox.with { sandbox in
            try await withFastMock { url in
                let first = try await AishProcess.run(
                    ["--url", url, "--transport", transport, "--max-tokens", "12", "apollo", "first question"],
                    environment: sandbox.environment)
                #expect(first.status == 0, "\(first.errors)")
                let opened = try #require(try await latest(sandbox).serverSessionId)

                let second = try await AishProcess.run(
                    ["--url", url, "--transport", transport, "-c", "--max-tokens", "12", "apollo", "second question"],
                    environment: sandbox.environment)
                #expect(second.status == 0, "\(second.errors)")
                #expect(try await latest(sandbox).serverSessionId == opened)
                let (_, kept) = try await serverSession(url, opened)
                #expect(
                    kept?.messages.map(\.content).filter { !$0.hasPrefix("##") } == [
                        "first question", "second question",
                    ])

                // The server loses the session; the next message opens a new one with the turns.
                #expect(try await serverSession(url, opened, delete: true).0 == 200)
                let third = try await AishProcess.run(
                    ["--url", url, "--transport", transport, "-c", "--max-tokens", "12", "apollo", "third question"],
                    environment: sandbox.environment)
                #expect(third.status == 0, "\(third.errors)")
                #expect(third.errors.contains("SESSION_EXPIRED"))
                #expect(third.errors.contains("opened a new one"))
                #expect(!third.output.isEmpty)
                let renewed = try #require(try await latest(sandbox).serverSessionId)
                #expect(renewed != opened)
                let (_, fresh) = try await serverSession(url, renewed)
                let seeded = try #require(fresh?.messages.first?.content)
                #expect(seeded.hasPrefix("[Earlier in this conversation]"))
                #expect(seeded.contains("User: first question"))
                #expect(seeded.contains("User: second question"))
                #expect(seeded.hasSuffix("third question"))
                #expect(try await latest(sandbox).messageCount == 6)
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
