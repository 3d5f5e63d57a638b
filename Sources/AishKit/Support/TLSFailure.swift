/// Why a TLS handshake failed, in words a user can act on: the server's certificate is
/// not trusted or names another host, or the server does not speak TLS at that port.
///
/// Made from NIOSSL's errors by `TLSFailure(_:url:)` (Transport), which read
/// `handshakeFailed(…CERTIFICATE_VERIFY_FAILED at /path/of/the/build…)`: a reason in
/// capitals and a source path that say nothing to the person who typed the URL.
public enum TLSFailure: Sendable, Equatable {
    /// The certificate is not signed by an authority this machine trusts (or it has
    /// expired, or is not valid yet: BoringSSL says the same for all three).
    case untrustedCertificate
    /// The certificate is valid but names other hosts than the one aish connected to.
    case wrongHost(String)
    /// The server answered the handshake with something that is not TLS (plain HTTP).
    case notTLS
    /// The server closed the connection in the middle of the handshake.
    case closedDuringHandshake
    /// Any other failure, by BoringSSL's reason (`TLSV1_ALERT_PROTOCOL_VERSION`).
    case other(String)

    /// What went wrong, as a clause: "its certificate does not name localhost".
    public var reason: String {
        switch self {
        case .untrustedCertificate:
            "its certificate is not signed by an authority this machine trusts (or it has expired)"
        case .wrongHost(let host): "its certificate does not name \(host.isEmpty ? "the host" : host)"
        case .notTLS: "it does not speak TLS at that port (it answered in plain text)"
        case .closedDuringHandshake: "it closed the connection during the TLS handshake"
        case .other(let reason): "the TLS handshake failed (\(reason))"
        }
    }

    /// What to do about it, as a sentence, for the server at `url`.
    public func remedy(url: String) -> String {
        let plain = url.hasPrefix("https://") ? "http://" + url.dropFirst("https://".count) : url
        switch self {
        case .untrustedCertificate:
            return "If a private authority signed it, give that authority's certificate (PEM) "
                + "with --cacert FILE or AISH_CACERT."
        case .wrongHost:
            return "Use a host name the certificate was issued for."
        case .notTLS:
            return "If it serves plain HTTP, use \(plain)."
        case .closedDuringHandshake:
            return "Check that it serves https at that port; if it serves plain HTTP, use \(plain)."
        case .other:
            return "Check the server's TLS set-up; for a private authority give its certificate with --cacert FILE."
        }
    }
}
