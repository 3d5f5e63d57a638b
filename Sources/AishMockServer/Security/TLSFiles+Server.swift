import NIOSSL

extension MockServerConfiguration.TLSFiles {
    /// NIOSSL's server settings for this certificate chain and key.
    ///
    /// - Throws: ``MockServerError`` naming the file that cannot be read.
    func serverConfiguration() throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw MockServerError.unreadableTLSFile(path: certificatePath, reason: "not a readable PEM certificate")
        }
        guard !chain.isEmpty else {
            throw MockServerError.unreadableTLSFile(path: certificatePath, reason: "it holds no certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        } catch {
            throw MockServerError.unreadableTLSFile(path: privateKeyPath, reason: "not a readable PEM private key")
        }
        return TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}
