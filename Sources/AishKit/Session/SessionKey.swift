import Crypto
import Foundation

/// A 256-bit master key for the session store. Never printed or logged.
public struct SessionKey: @unchecked Sendable {
    // `SymmetricKey` is an immutable value (its bytes are never changed after it is
    // made); swift-crypto 3 only lacks the `Sendable` annotation.
    let symmetricKey: SymmetricKey

    init(_ symmetricKey: SymmetricKey) { self.symmetricKey = symmetricKey }

    /// A fresh random key.
    public static func random() -> SessionKey { SessionKey(SymmetricKey(size: .bits256)) }

    /// The key in base64 `text` (32 bytes); `source` names where it came from in errors,
    /// which never repeat the text itself.
    public init(base64 text: String, source: String) throws(SessionStoreError) {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        guard let bytes = Data(base64Encoded: trimmed) else {
            throw .invalidKey(source: source, detail: "it is not base64 (\(trimmed.count) characters)")
        }
        guard bytes.count == 32 else {
            throw .invalidKey(source: source, detail: "it holds \(bytes.count) bytes, not 32")
        }
        symmetricKey = SymmetricKey(data: bytes)
    }

    /// The key as a key file holds it: base64 and a newline.
    var fileContents: Data {
        Data((symmetricKey.withUnsafeBytes { Data($0) }.base64EncodedString() + "\n").utf8)
    }
}
