import AishKit
import Testing

/// A metadata GET refused with 429 is waited out and sent again, as `Retry-After`
/// asks, like a chat request (issue 12, item 16).
@Suite("Metadata rate limits", .timeLimit(.minutes(1)))
struct MetadataRateLimitTests {
    static let roster = #"[{"id":"apollo","name":"Apollo","status":"active"}]"#

    /// A server that refuses the first `refusals` requests with 429 and `Retry-After: 1`.
    private func server(refusals: Int) async throws -> (RawHTTPTestServer, LockedBox<Int>) {
        let count = LockedBox(0)
        let server = try await RawHTTPTestServer.start { [count] request in
            let seen = count.withLock { value -> Int in
                value += 1
                return value
            }
            guard seen > refusals else {
                return [
                    .send(
                        RawHTTP.head(
                            status: "429 Too Many Requests",
                            headers: [("Retry-After", "1"), ("Content-Length", "0"), ("Connection", "close")])),
                    .close,
                ]
            }
            return [.send(RawHTTP.response(body: Self.roster)), .close]
        }
        return (server, count)
    }

    @Test func theRosterIsFetchedAfterARateLimitAndTheWaitIsTold() async throws {
        let (server, count) = try await server(refusals: 1)
        var client = try TektonClient(baseURL: server.baseURL)
        let notices = LockedBox<[String]>([])
        client.onNotice = { code, message in notices.withLock { $0.append("\(code): \(message)") } }
        let roster = try await client.specialists()
        try await server.shutdown()
        #expect(roster.map(\.id) == ["apollo"])
        #expect(count.withLock { $0 } == 2)
        #expect(notices.withLock { $0 } == ["RATE_LIMITED: too many requests; aish tries again in 1 s (retry 1 of 3)"])
    }

    @Test func thePolicyGivesUpWithTheNumberOfTries() async throws {
        let (server, count) = try await server(refusals: 10)
        var client = try TektonClient(baseURL: server.baseURL)
        client.rateLimitPolicy = RateLimitPolicy(maxRetries: 1)
        await #expect(throws: AishError.rateLimited(url: server.baseURL, retryAfter: 1, attempts: 2)) {
            _ = try await client.capabilities()
        }
        try await server.shutdown()
        #expect(count.withLock { $0 } == 2)
    }
}
