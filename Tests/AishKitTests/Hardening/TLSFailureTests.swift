import AsyncHTTPClient
import NIOCore
import NIOSSL
import Testing

@testable import AishKit

/// A failed TLS handshake is told in words a user can act on, never as BoringSSL's
/// error stack with the build's source paths.
@Suite struct TLSFailureTests {
    @Test func boringSSLsReasonIsReadFromItsErrorLine() {
        let line =
            "Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at "
            + "/work/main/.build/checkouts/swift-nio-ssl/Sources/CNIOBoringSSL/ssl/handshake.cc:393"
        #expect(TLSFailure.reason(in: line) == "CERTIFICATE_VERIFY_FAILED")
        #expect(TLSFailure.reason(in: "Error: 1 something else") == nil)
        #expect(TLSFailure.reason(in: "x OPENSSL_internal: at y") == nil)
    }

    @Test func theKindsNIOSSLReportsAreTold() {
        let url = "https://tekton.example:8443"
        #expect(
            TLSFailure(NIOSSLError.handshakeFailed(.sslError([.eofDuringHandshake])), url: url)
                == .closedDuringHandshake)
        #expect(TLSFailure(NIOSSLExtraError.failedToValidateHostname, url: url) == .wrongHost("tekton.example"))
        #expect(TLSFailure(NIOSSLExtraError.serverHostnameImpossibleToMatch, url: url) == .wrongHost("tekton.example"))
        #expect(TLSFailure(NIOSSLError.handshakeFailed(.syscallError), url: url) == .other("syscallError"))
        #expect(TLSFailure(BoringSSLError.sslError([.eofDuringHandshake]), url: url) == .closedDuringHandshake)
    }

    @Test func otherErrorsAreNoTLSFailure() {
        #expect(TLSFailure(ChannelError.connectTimeout(.seconds(1)), url: "https://h") == nil)
        #expect(TLSFailure(HTTPClientError.remoteConnectionClosed, url: "https://h") == nil)
        #expect(TLSFailure(NIOSSLError.uncleanShutdown, url: "https://h") == nil)
        #expect(TLSFailure(NIOSSLExtraError.invalidSNIHostname, url: "https://h") == nil)
    }

    @Test func eachFailureSaysWhatToDo() {
        let url = "https://127.0.0.1:8443"
        func message(_ failure: TLSFailure, provider: String? = nil) -> String {
            AishError.tlsFailed(url: url, provider: provider, failure: failure).description
        }
        #expect(
            message(.untrustedCertificate)
                == "cannot connect securely to https://127.0.0.1:8443: its certificate is not signed by an "
                + "authority this machine trusts (or it has expired). If a private authority signed it, give that "
                + "authority's certificate (PEM) with --cacert FILE or AISH_CACERT.")
        #expect(message(.wrongHost("127.0.0.1")).contains("its certificate does not name 127.0.0.1. Use a host name"))
        #expect(
            message(.notTLS).hasSuffix(
                "does not speak TLS at that port (it answered in plain text). "
                    + "If it serves plain HTTP, use http://127.0.0.1:8443."))
        #expect(message(.closedDuringHandshake).hasSuffix("if it serves plain HTTP, use http://127.0.0.1:8443."))
        #expect(message(.other("TLSV1_ALERT_PROTOCOL_VERSION")).contains("(TLSV1_ALERT_PROTOCOL_VERSION)"))
        #expect(
            message(.untrustedCertificate, provider: "local").hasPrefix(
                "cannot connect securely to the OpenAI-compatible server of provider local at https://127.0.0.1:8443: ")
        )
        #expect(
            NetworkFailure.reason(for: NIOSSLExtraError.failedToValidateHostname)
                == "its certificate does not name the host")
    }

    @Test func itIsAnOutageOfTektonOnlyWhenTektonsConnectionFailed() {
        let tekton = AishError.tlsFailed(url: "https://h", provider: nil, failure: .notTLS)
        let provider = AishError.tlsFailed(url: "https://h/v1", provider: "local", failure: .notTLS)
        #expect(tekton.isTektonOutage)
        #expect(!provider.isTektonOutage)
        #expect(tekton.exitCode == 69)
        #expect(tekton.code == "tls_failed")
    }

    @Test func aPlainRequestClosedUnansweredSuggestsHTTPS() {
        let closed = HTTPClientError.remoteConnectionClosed
        #expect(
            NetworkFailure.reason(forUnanswered: closed, url: "http://127.0.0.1:8443")
                == "the server closed the connection without answering; if it serves https, use https://127.0.0.1:8443")
        #expect(NetworkFailure.reason(forUnanswered: closed, url: "https://h:1") == "the server closed the connection")
        #expect(
            NetworkFailure.reason(forUnanswered: HTTPClientError.readTimeout, url: "http://h:1")
                == "the server sent nothing for too long")
    }
}
