import AishKit
import Testing

@Suite("TektonClient")
struct TektonClientTests {
    @Test func acceptsHTTPURLs() throws {
        #expect(try TektonClient(baseURL: "http://127.0.0.1:8003/").baseURL == "http://127.0.0.1:8003")
        #expect(
            try TektonClient(baseURL: "https://tekton.example/api-root//").baseURL == "https://tekton.example/api-root")
        #expect(try TektonClient(baseURL: "HTTP://localhost").baseURL == "HTTP://localhost")
    }

    @Test(arguments: ["", "ftp://host", "not a url"])
    func rejectsOtherURLs(_ url: String) {
        #expect(
            throws: AishError.invalidArgument(
                name: "--url",
                value: url,
                hint: "give the server's http:// or https:// address, such as http://127.0.0.1:8003"
            )
        ) {
            try TektonClient(baseURL: url)
        }
    }

    @Test func anAddressWithoutItsSchemeGetsTheOneToWrite() {
        #expect(
            throws: AishError.invalidArgument(
                name: "--url", value: "127.0.0.1:8003",
                hint: "it has no http:// or https://; give http://127.0.0.1:8003 (https:// if the server has TLS)")
        ) {
            try TektonClient(baseURL: "127.0.0.1:8003")
        }
    }

    @Test func aQueryOrAHostlessURLSaysWhatToChange() {
        #expect(
            throws: AishError.invalidArgument(
                name: "--url", value: "http://host/?q=1",
                hint: "drop the ?… or #… part; give only the server's address, with a path prefix if it has one")
        ) { try TektonClient(baseURL: "http://host/?q=1") }
        #expect(
            throws: AishError.invalidArgument(
                name: "--url", value: "http://:8003",
                hint: "the address names no host; give one, such as http://127.0.0.1:8003")
        ) { try TektonClient(baseURL: "http://:8003") }
    }

    @Test func neverShowsTheToken() throws {
        let client = try TektonClient(baseURL: "http://127.0.0.1:8003", token: "s3cret-token")
        var dumped = ""
        dump(client, to: &dumped)
        #expect(!dumped.contains("s3cret"))
        #expect(!"\(client)".contains("s3cret"))
    }

    @Test func sendsTheToken() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [.send(RawHTTP.response(status: "404 Not Found", body: #"{"detail":"Not Found"}"#))]
        }
        let client = try TektonClient(baseURL: server.baseURL, token: "s3cret-token")
        _ = try await client.capabilities()
        try await server.shutdown()
        #expect(server.requests.first?.headers.first(name: "Authorization") == "Bearer s3cret-token")
    }

    @Test func refusedConnectionsFailFast() async throws {
        let closed = try await RawHTTPTestServer.start { _ in [] }
        let url = closed.baseURL
        try await closed.shutdown()
        let client = try TektonClient(baseURL: url)
        // The reason is what shows it failed fast: only the refusal itself says "connection
        // refused" (a wait for a timeout says it timed out). The limit only stops a hang:
        // a wall-clock limit of a few seconds failed once when a busy CI machine stalled the
        // whole test process for 12 s.
        try await withTimeLimit(.seconds(60)) {
            await #expect(throws: AishError.serverUnreachable(url: url, reason: "connection refused")) {
                try await client.capabilities()
            }
        }
    }

    @Test func unauthorizedAndRateLimitedStatusesHaveTheirOwnErrors() async throws {
        let server = try await RawHTTPTestServer.start { request in
            request.path == "/api/capabilities"
                ? [.send(RawHTTP.response(status: "401 Unauthorized", body: #"{"error":{"code":"UNAUTHORIZED"}}"#))]
                : [
                    .send(
                        RawHTTP.response(
                            status: "429 Too Many Requests",
                            body: #"{"error":{"code":"RATE_LIMITED","message":"wait","retry_after":9}}"#))
                ]
        }
        try await withClient(of: server) { client throws in
            var client = client
            client.rateLimitPolicy = RateLimitPolicy(maxRetries: 0)  // waiting it out: MetadataRateLimitTests
            await #expect(throws: AishError.unauthorized(url: server.baseURL, hasToken: false)) {
                try await client.capabilities()
            }
            await #expect(throws: AishError.rateLimited(url: server.baseURL, retryAfter: 9, attempts: 1)) {
                try await client.specialists()
            }
        }
    }

    @Test func unexpectedStatusesCarryTheServerMessage() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [
                .send(
                    RawHTTP.response(
                        status: "418 I'm a teapot",
                        body: #"{"error":{"code":"TEAPOT","message":"short and stout"}}"#))
            ]
        }
        try await withClient(of: server) { client throws in
            await #expect(
                throws: AishError.unexpectedStatus(
                    url: server.baseURL + "/api/capabilities",
                    status: 418,
                    detail: "TEAPOT: short and stout"
                )
            ) {
                try await client.capabilities()
            }
        }
    }

    @Test func nonTektonServersAreMalformed() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [.send(RawHTTP.response(contentType: "text/html", body: "<html>hello</html>"))]
        }
        try await withClient(of: server) { client throws in
            let error = await #expect(throws: AishError.self) { try await client.specialists() }
            guard case .malformedResponse(let url, _) = error else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(url == server.baseURL + "/api/v1/ai/specialists")
        }
    }

    @Test(arguments: [
        ("true", TransportKind.websocket, "server offers WebSocket"),
        ("false", TransportKind.sse, "server offers v2 streaming"),
    ])
    func v2CapabilitiesPickTheBestTransport(websocket: String, kind: TransportKind, reason: String) async throws {
        let capabilities =
            #"{"version":"2.0","features":{"streaming":true,"websocket":\#(websocket)},"api_versions":["v1","v2"]}"#
        let roster = #"[{"ai_id":"apollo","name":"Apollo","healthy":true}]"#
        let server = try await RawHTTPTestServer.start { request in
            [.send(RawHTTP.response(body: request.path == "/api/capabilities" ? capabilities : roster))]
        }
        try await withClient(of: server) { client throws in
            let chat = try await client.prepareChat(specialist: "apollo", forcedTransport: nil)
            #expect(chat.transport.kind == kind)
            #expect(chat.reason == reason)
        }
    }
}
