import Foundation
import NIOSSL

extension TLSFailure {
    /// The failure `error` stands for, on a connection to the server at `url`; nil when
    /// `error` is no TLS handshake's.
    public init?(_ error: any Error, url: String) {
        if let error = error as? NIOSSLExtraError {
            guard error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch else { return nil }
            self = .wrongHost(URL(string: url)?.host ?? url)
            return
        }
        let failure: BoringSSLError
        if let error = error as? NIOSSLError, case .handshakeFailed(let inner) = error {
            failure = inner
        } else if let error = error as? BoringSSLError {
            failure = error
        } else {
            return nil
        }
        let stack: [BoringSSLInternalError]
        switch failure {
        case .sslError(let errors), .unknownError(let errors), .invalidSNIName(let errors),
            .failedToSetALPN(let errors):
            stack = errors
        default:
            self = .other("\(failure)")
            return
        }
        if stack.contains(.eofDuringHandshake) {
            self = .closedDuringHandshake
            return
        }
        let reasons = stack.compactMap { Self.reason(in: "\($0)") }
        if reasons.contains("CERTIFICATE_VERIFY_FAILED") {
            self = .untrustedCertificate
        } else if reasons.contains("WRONG_VERSION_NUMBER") {
            self = .notTLS
        } else {
            self = .other(reasons.first ?? "no reason given")
        }
    }

    /// BoringSSL's reason in one of its error lines, `Error: 268435581
    /// error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at FILE:LINE`.
    static func reason(in line: String) -> String? {
        guard let start = line.range(of: "OPENSSL_internal:")?.upperBound else { return nil }
        let reason = line[start...].prefix { !$0.isWhitespace }
        return reason.isEmpty ? nil : String(reason)
    }
}
