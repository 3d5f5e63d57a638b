import Crypto
import Foundation

/// Encrypts titles and message text with AES-GCM (256-bit), a fresh random nonce per
/// value, bound to the session it belongs to.
///
/// The stored form is one version byte (1) then AES-GCM's combined box (12-byte
/// nonce, ciphertext, 16-byte tag). The encryption key and the key's public
/// fingerprint are derived from the master key with HKDF-SHA256, so the database
/// can tell a wrong key without holding anything that reveals the right one.
public struct SessionCipher: Sendable {
    private static let version: UInt8 = 1
    private let key: SessionKey
    /// 16 bytes that identify the master key (stored in the database, compared on open).
    public let fingerprint: Data

    /// A cipher for `masterKey`.
    public init(masterKey: SessionKey) {
        key = SessionKey(
            HKDF<SHA256>.deriveKey(
                inputKeyMaterial: masterKey.symmetricKey, info: Data("aish session content v1".utf8),
                outputByteCount: 32))
        let id = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: masterKey.symmetricKey, info: Data("aish session key fingerprint v1".utf8),
            outputByteCount: 16)
        fingerprint = id.withUnsafeBytes { Data($0) }
    }

    /// What a value is bound to: its kind and its session, so that a row copied into
    /// another session (or a title into a message) does not decrypt.
    public enum Binding: Sendable {
        case title(session: String)
        case message(session: String)

        var data: Data {
            switch self {
            case .title(let session): Data("aish/title/\(session)".utf8)
            case .message(let session): Data("aish/message/\(session)".utf8)
            }
        }
    }

    /// `text`, encrypted under a fresh nonce.
    public func seal(_ text: String, for binding: Binding) throws -> Data {
        // Sealed from the string's own UTF-8 bytes: a long reply is not copied first.
        var text = text
        let box = try text.withUTF8 { bytes in
            try AES.GCM.seal(
                UnsafeRawBufferPointer(bytes), using: key.symmetricKey, nonce: AES.GCM.Nonce(),
                authenticating: binding.data)
        }
        guard let combined = box.combined else { throw CipherError() }
        var sealed = Data(capacity: combined.count + 1)
        sealed.append(Self.version)
        sealed.append(combined)
        return sealed
    }

    /// The text inside `sealed`; throws when it was altered, bound elsewhere, or sealed under another key.
    public func open(_ sealed: Data, for binding: Binding) throws -> String {
        guard sealed.first == Self.version else { throw CipherError() }
        let box = try AES.GCM.SealedBox(combined: sealed.dropFirst())
        let plain = try AES.GCM.open(box, using: key.symmetricKey, authenticating: binding.data)
        return String(decoding: plain, as: UTF8.self)
    }

    /// A value that does not open.
    struct CipherError: Error {}
}
