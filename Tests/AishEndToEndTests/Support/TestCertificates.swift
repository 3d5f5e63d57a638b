import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate authority and a server certificate for 127.0.0.1, made at test
/// time and written as PEM files, for the mock's https and wss.
struct TestCertificates: Sendable {
    /// The authority's certificate: what `--cacert` names.
    let authorityPath: String
    /// The server's certificate, signed by the authority.
    let certificatePath: String
    /// The server's private key.
    let keyPath: String

    /// Makes the files in a new folder under the temporary directory; with
    /// `namingTheAddress` false the server's certificate names localhost only.
    static func make(namingTheAddress: Bool = true) throws -> TestCertificates {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let now = Date()
        let authorityKey = P256.Signing.PrivateKey()
        let authorityName = try DistinguishedName { CommonName("aish test authority") }
        let authority = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(authorityKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: authorityName, subject: authorityName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true))
            },
            issuerPrivateKey: .init(authorityKey)
        )
        let serverKey = P256.Signing.PrivateKey()
        let server = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
            notValidBefore: now - 3600, notValidAfter: now + 86_400, issuer: authorityName,
            subject: try DistinguishedName { CommonName(namingTheAddress ? "127.0.0.1" : "localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                SubjectAlternativeNames(
                    (namingTheAddress ? [.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))] : [])
                        + [.dnsName("localhost")])
                try ExtendedKeyUsage([.serverAuth])
            },
            issuerPrivateKey: .init(authorityKey)
        )
        let files = TestCertificates(
            authorityPath: (folder as NSString).appendingPathComponent("ca.pem"),
            certificatePath: (folder as NSString).appendingPathComponent("server.pem"),
            keyPath: (folder as NSString).appendingPathComponent("server.key")
        )
        try authority.serializeAsPEM().pemString.write(toFile: files.authorityPath, atomically: true, encoding: .utf8)
        try server.serializeAsPEM().pemString.write(toFile: files.certificatePath, atomically: true, encoding: .utf8)
        try serverKey.pemRepresentation.write(toFile: files.keyPath, atomically: true, encoding: .utf8)
        return files
    }
}
