import AishMockServer
import Foundation
import Testing

/// https and wss with a private certificate authority (`--cacert`), against the
/// mock serving a certificate made at test time.
@Suite(.timeLimit(.minutes(2))) struct TLSTests {
    @Test(arguments: ["ws", "sse", "v1"])
    func chatsOverTLSWithThePrivateAuthority(transport: String) async throws {
        let certificates = try TestCertificates.make()
        var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        configuration.tls = .init(certificatePath: certificates.certificatePath, privateKeyPath: certificates.keyPath)
        try await withMockServer(configuration) { ipURL in
            #expect(ipURL.hasPrefix("https://127.0.0.1:"))
            // wss needs a host name for SNI; the certificate is also for localhost.
            let url = ipURL.replacingOccurrences(of: "127.0.0.1", with: "localhost")
            let result = try await AishProcess.run(
                [
                    "--url", url, "-v", "--cacert", certificates.authorityPath, "--transport", transport,
                    "--max-tokens", "30",
                    "apollo", "over tls",
                ])
            #expect(result.status == 0, "\(result.errors)")
            let plain = try await withFastMock { plainURL in
                try await AishProcess.run(
                    ["--url", plainURL, "--transport", transport, "--max-tokens", "30", "apollo", "over tls"])
            }
            #expect(result.output == plain.output)
            #expect(!result.output.isEmpty)
            #expect(result.errors.contains("forced by --transport"))
        }
    }

    @Test func anIPAddressOverTLSSkipsTheWebSocketAndSaysWhy() async throws {
        let certificates = try TestCertificates.make()
        var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        configuration.tls = .init(certificatePath: certificates.certificatePath, privateKeyPath: certificates.keyPath)
        try await withMockServer(configuration) { url in
            let result = try await AishProcess.run(
                ["--url", url, "-v", "--cacert", certificates.authorityPath, "--max-tokens", "5", "apollo", "hi"])
            #expect(result.status == 0, "\(result.errors)")
            #expect(result.errors.contains("over v2 SSE"))
            #expect(result.errors.contains("WebSocket skipped: wss needs a host name, not the IP address 127.0.0.1"))
            let forced = try await AishProcess.run(
                ["--url", url, "--transport", "ws", "--cacert", certificates.authorityPath, "apollo", "hi"])
            #expect(forced.status == 64)
            #expect(forced.errors.contains("wss needs a host name"))
        }
    }

    @Test func anUntrustedCertificateIsAClearError() async throws {
        let certificates = try TestCertificates.make()
        var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        configuration.tls = .init(certificatePath: certificates.certificatePath, privateKeyPath: certificates.keyPath)
        try await withMockServer(configuration) { url in
            let result = try await AishProcess.run(["--url", url, "apollo", "hello"])
            #expect(result.status == 69)
            #expect(result.errors.contains(url))
            #expect(result.errors.lowercased().contains("certificate"))
        }
        let missing = try await AishProcess.run([
            "--url", "https://127.0.0.1:9", "--cacert", "/nonexistent/ca.pem", "apollo", "hi",
        ])
        #expect(missing.status == 64)
        #expect(missing.errors.contains("/nonexistent/ca.pem"))
    }

    @Test func theMockCommandRefusesUnreadableCertificates() async throws {
        let result = try await AishProcess.run(
            ["mock", "--port", "0", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"])
        #expect(result.status == 64)
        #expect(result.errors.contains("/nonexistent/cert.pem"))
        let half = try await AishProcess.run(["mock", "--tls-cert", "/tmp/x.pem"])
        #expect(half.status == 64)
        #expect(half.errors.contains("--tls-key"))
    }
}
