import Foundation
import Testing

@testable import AishKit

/// Issue 12, items 4 and 12: every port is range-checked where a URL is read, and
/// credentials in a URL become Basic authentication that no description shows.
@Suite struct ServerURLTests {
    private func hint(_ text: String) -> String? {
        do {
            _ = try ServerURL(parsing: text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test(arguments: ["0", "65536", "99999", "100000", "18446744073709551616", "99999999999999999999999", "-1"])
    func aPortOutOfRangeIsRefusedNamingIt(port: String) throws {
        let text = "http://127.0.0.1:\(port)"
        let message = try #require(hint(text))
        #expect(message.contains("invalid value '\(text)' for --url"))
        #expect(message.contains("from 1 to 65535"))
        // The same through the client, which used to trap on 99999.
        #expect(throws: AishError.self) { try TektonClient(baseURL: text) }
    }

    @Test(arguments: ["", "8a", "80 80", "٣٣"])
    func aPortThatIsNoNumberIsRefused(port: String) throws {
        let message = try #require(hint("http://127.0.0.1:\(port)"))
        #expect(message.contains("for --url"))
    }

    @Test(arguments: ["1", "80", "8003", "65535"])
    func everyPortInRangeIsAccepted(port: String) throws {
        #expect(try ServerURL(parsing: "http://127.0.0.1:\(port)/").base == "http://127.0.0.1:\(port)")
        #expect(try ServerURL(parsing: "https://[::1]:\(port)/tekton").base == "https://[::1]:\(port)/tekton")
    }

    @Test(arguments: ["http://[::1", "http://[::1:8003", "https://[fe80::1/tekton"])
    func anIPv6AddressWithoutItsClosingBracketSaysSo(text: String) throws {
        let message = try #require(hint(text))
        #expect(message.contains("the IPv6 address has no closing ']'"))
        #expect(!message.contains("port"))
    }

    @Test func otherBadAddressesStillFail() {
        for text in ["ftp://x", "127.0.0.1:8003", "http://", "http://:8003", "http://x/?a=1", "http://x/#f"] {
            #expect(hint(text) != nil, "\(text)")
        }
    }

    /// A host without a scheme (`localhost:8003`, as curl would take it) or a ws:// URL
    /// gets the address to write instead; a password in it is never shown.
    @Test func aMissingOrWebSocketSchemeGetsTheAddressToWrite() {
        #expect(
            hint("localhost:8003")
                == "invalid value 'localhost:8003' for --url: it has no http:// or https://; give "
                + "http://localhost:8003 (https:// if the server has TLS)")
        #expect(hint("127.0.0.1:8003/tekton")?.contains("give http://127.0.0.1:8003/tekton") == true)
        #expect(hint("ws://h:8003")?.hasSuffix("from the server's http:// address; give http://h:8003") == true)
        #expect(hint("wss://h:8443")?.hasSuffix("give https://h:8443") == true)
        let secret = hint("bob:hunter2@h:1")
        #expect(secret?.contains("hunter2") == false)
        #expect(secret?.contains("give http://bob:***@h:1") == true)
        #expect(hint("ftp://x")?.hasSuffix("such as http://127.0.0.1:8003") == true)
        #expect(hint("-v")?.hasSuffix("such as http://127.0.0.1:8003") == true)
    }

    @Test func aTrailingAPIPathIsASlip() {
        #expect(AishError.withoutAPIPath("http://h:8003/api") == "http://h:8003")
        #expect(AishError.withoutAPIPath("http://h:8003/tekton/API/v2") == "http://h:8003/tekton")
        #expect(AishError.withoutAPIPath("http://h:8003/tekton") == nil)
        #expect(AishError.withoutAPIPath("http://h:8003/rapi") == nil)
        let error = AishError.notTekton(
            url: "http://h:8003/api", detail: "GET /api/v1/ai/specialists answered HTTP 404")
        #expect(error.description.hasSuffix("give the server's address alone, http://h:8003."))
    }

    @Test func credentialsBecomeBasicAuthenticationAndAreNeverShown() throws {
        let server = try ServerURL(parsing: "http://bob:hunter2@127.0.0.1:9/")
        #expect(server.base == "http://127.0.0.1:9")
        #expect(server.user == "bob")
        #expect(server.basicAuthorization == "Basic " + Data("bob:hunter2".utf8).base64EncodedString())
        #expect(server.description == "http://bob:***@127.0.0.1:9")
        var dumped = ""
        dump(server, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        // Percent-encoded credentials are decoded, as curl does.
        let encoded = try ServerURL(parsing: "https://a%40b:p%3Ass@host:8443")
        #expect(encoded.basicAuthorization == "Basic " + Data("a@b:p:ss".utf8).base64EncodedString())
        #expect(try ServerURL(parsing: "http://127.0.0.1:9").basicAuthorization == nil)
    }

    @Test func errorsAboutAURLWithCredentialsRedactThePassword() throws {
        let message = try #require(hint("http://bob:hunter2@127.0.0.1:99999"))
        #expect(!message.contains("hunter2"))
        #expect(message.contains("http://bob:***@127.0.0.1:99999"))
        #expect(ServerURL.redacted("see http://u:p@h:1/x") == "see http://u:***@h:1/x")
        #expect(ServerURL.redacted("http://h:1/a@b") == "http://h:1/a@b")
        #expect(ServerURL.redacted("u:p@h:1") == "u:***@h:1")
        #expect(ServerURL.redacted("h:1") == "h:1")
    }

    @Test func theClientKeepsCredentialsOutOfItsAddressAndSendsThemAsBasic() async throws {
        let server = try await RawHTTPTestServer.start { _ in
            [.send(RawHTTP.response(status: "404 Not Found", body: #"{"detail":"Not Found"}"#))]
        }
        let client = try TektonClient(baseURL: "http://bob:hunter2@127.0.0.1:\(server.port)")
        #expect(client.baseURL == server.baseURL)
        #expect(!client.description.contains("hunter2"))
        _ = try await client.capabilities()
        try await server.shutdown()
        #expect(
            server.requests.first?.headers.first(name: "Authorization")
                == "Basic " + Data("bob:hunter2".utf8).base64EncodedString())
        // A token wins over the URL's credentials.
        let withToken = try TektonClient(baseURL: "http://bob:hunter2@127.0.0.1:\(server.port)", token: "t0k")
        #expect(withToken.authorization == "Bearer t0k")
    }

    /// No configuration file: only the variables count.
    private let noFile = ["AISH_CONFIG": "/nonexistent/aish-\(UUID().uuidString)/config.yaml"]

    @Test func settingsRefuseAnOutOfRangePortAndNeverEchoAPassword() async throws {
        let settings = try await SettingsLoader.load(
            environment: noFile.merging(["AISH_URL": "http://bob:hunter2@127.0.0.1:9"]) { $1 })
        #expect(settings.url == "http://bob:hunter2@127.0.0.1:9")
        do {
            _ = try await SettingsLoader.load(
                environment: noFile.merging(["AISH_URL": "http://bob:hunter2@127.0.0.1:99999"]) { $1 })
            Issue.record("an out-of-range port was accepted")
        } catch {
            #expect(error.description.contains("AISH_URL"))
            #expect(error.description.contains("from 1 to 65535"))
            #expect(!error.description.contains("hunter2"))
        }
    }
}
