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
            #expect(
                result.errors
                    == "aish: error: cannot connect securely to \(url): its certificate is not signed by an authority "
                    + "this machine trusts (or it has expired). If a private authority signed it, give that "
                    + "authority's certificate (PEM) with --cacert FILE or AISH_CACERT.\n")
            let status = try await AishProcess.run(["status", "--url", url])
            #expect(status.status == 69)
            #expect(status.output.contains("reachable    no: cannot connect securely to \(url): its certificate"))
            // A provider's model behind the same server: the same words, naming the provider.
            let model = try await AishProcess.run(
                ["env/mock-coder", "hello"],
                environment: ["AISH_PROVIDER_URL": url + "/v1", "AISH_PROVIDER_MODELS": "mock-coder"])
            #expect(model.status == 69)
            #expect(
                model.errors.contains(
                    "cannot connect securely to the OpenAI-compatible server of provider env at \(url)/v1: its "
                        + "certificate is not signed"))
            for run in [result, status, model] {
                #expect(!(run.output + run.errors).contains("OPENSSL"))
                #expect(!(run.output + run.errors).contains(".build"))
            }
        }
        let missing = try await AishProcess.run([
            "--url", "https://127.0.0.1:9", "--cacert", "/nonexistent/ca.pem", "apollo", "hi",
        ])
        #expect(missing.status == 64)
        #expect(missing.errors.contains("/nonexistent/ca.pem"))
    }

    @Test func aCertificateForAnotherNameSaysWhichNameItLacks() async throws {
        let certificates = try TestCertificates.make(namingTheAddress: false)
        var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        configuration.tls = .init(certificatePath: certificates.certificatePath, privateKeyPath: certificates.keyPath)
        try await withMockServer(configuration) { url in
            let result = try await AishProcess.run(
                ["--url", url, "--cacert", certificates.authorityPath, "--max-tokens", "5", "apollo", "hi"])
            #expect(result.status == 69)
            #expect(
                result.errors
                    == "aish: error: cannot connect securely to \(url): its certificate does not name 127.0.0.1. "
                    + "Use a host name the certificate was issued for.\n")
            let byName = try await AishProcess.run(
                [
                    "--url", url.replacingOccurrences(of: "127.0.0.1", with: "localhost"), "--cacert",
                    certificates.authorityPath, "--max-tokens", "5", "apollo", "hi",
                ])
            #expect(byName.status == 0, "\(byName.errors)")
        }
    }

    @Test func httpsToAPlainServerSaysToUseHTTP() async throws {
        try await withFastMock { url in
            let port = url.dropFirst("http://127.0.0.1:".count)
            let secure = "https://127.0.0.1:\(port)"
            let result = try await AishProcess.run(["--url", secure, "apollo", "hi"])
            #expect(result.status == 69)
            #expect(
                result.errors
                    == "aish: error: cannot connect securely to \(secure): it does not speak TLS at that port (it "
                    + "answered in plain text). If it serves plain HTTP, use \(url).\n")
        }
    }

    @Test func httpToATLSServerSaysToUseHTTPS() async throws {
        let certificates = try TestCertificates.make()
        var configuration = MockServerConfiguration(port: 0, tokensPerSecond: 0, firstTokenLatency: 0)
        configuration.tls = .init(certificatePath: certificates.certificatePath, privateKeyPath: certificates.keyPath)
        try await withMockServer(configuration) { url in
            let plain = "http://" + url.dropFirst("https://".count)
            let result = try await AishProcess.run(["--url", plain, "apollo", "hi"])
            #expect(result.status == 69)
            #expect(
                result.errors.contains(
                    "(the server closed the connection without answering; if it serves https, use \(url))"))
        }
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
