import AishKit
import Testing

/// A proxy in front of Tekton (nginx, a load balancer) answers with an HTML page when
/// the server behind it is down: aish quotes the page's title, not its first tag.
@Suite(.timeLimit(.minutes(1))) struct ProxyErrorPageTests {
    static let page =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"

    @Test func theRostersErrorQuotesThePagesTitle() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [.send(RawHTTP.response(status: "502 Bad Gateway", contentType: "text/html", body: Self.page))]
        }
        let client = try TektonClient(baseURL: server.baseURL)
        await #expect(
            throws: AishError.unexpectedStatus(
                url: server.baseURL + "/api/v1/ai/specialists", status: 502, detail: "502 Bad Gateway")
        ) {
            _ = try await client.specialists()
        }
        try await server.shutdown()
    }

    @Test func aPageWithoutATitleGivesItsText() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [
                .send(
                    RawHTTP.response(
                        status: "503 Service Unavailable", contentType: "text/html",
                        body: "<html><body><h1>Down for maintenance</h1>\n<p>Back at 10:00</p></body></html>"))
            ]
        }
        let client = try TektonClient(baseURL: server.baseURL)
        await #expect(
            throws: AishError.unexpectedStatus(
                url: server.baseURL + "/api/v1/ai/specialists", status: 503,
                detail: "Down for maintenance Back at 10:00")
        ) {
            _ = try await client.specialists()
        }
        try await server.shutdown()
    }
}
