import Foundation

/// Finds, creates and replaces the session key: `AISH_SESSION_KEY` (base64) when
/// set, else the file `$XDG_CONFIG_HOME/aish/session.key`, created 0600 on first use.
///
/// A key file that other users could read is refused, never used. During
/// `sessions rekey` the new key waits in `session.key.new` until the database has
/// been re-encrypted, so a crash at any point leaves a key that opens the database.
public struct SessionKeyring: Sendable {
    /// The key given in the environment, if any (base64 text, never printed).
    let environmentKey: String?
    /// The key file's path.
    public let filePath: String

    /// The name of the environment variable that holds a key.
    public static let environmentVariable = "AISH_SESSION_KEY"

    /// A keyring reading `AISH_SESSION_KEY` from `environment`, else the file at `filePath`.
    public init(environment: [String: String], filePath: String) {
        environmentKey = environment[Self.environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        self.filePath = filePath
    }

    /// Whether the key comes from `AISH_SESSION_KEY` rather than the file.
    public var usesEnvironment: Bool { environmentKey != nil }

    /// Where the key comes from, for messages: `AISH_SESSION_KEY` or the file's path.
    public var source: String { usesEnvironment ? Self.environmentVariable : filePath }

    /// Where a new key waits during a rekey.
    var pendingPath: String { filePath + ".new" }

    /// The key, or nil when neither the variable nor the file exists.
    public func existingKey() throws(SessionStoreError) -> SessionKey? {
        if let environmentKey { return try SessionKey(base64: environmentKey, source: Self.environmentVariable) }
        return try readKeyFile(filePath)
    }

    /// The key, creating the file (0600, in a 0700 folder) when there is none.
    public func existingOrNewKey() throws(SessionStoreError) -> SessionKey {
        if let key = try existingKey() { return key }
        let key = SessionKey.random()
        do {
            try PrivateFile.ensureFolder(of: filePath)
            // Another aish may create it at the same moment: then use theirs.
            if try PrivateFile.publishExclusively(filePath, contents: key.fileContents) { return key }
        } catch {
            throw .invalidKey(source: filePath, detail: error.description)
        }
        guard let key = try readKeyFile(filePath) else {
            throw .invalidKey(source: filePath, detail: "the file vanished while aish created it")
        }
        return key
    }

    /// The key waiting in `session.key.new` from an unfinished rekey, if any.
    func pendingKey() throws(SessionStoreError) -> SessionKey? {
        guard !usesEnvironment else { return nil }
        return try readKeyFile(pendingPath)
    }

    /// Writes `key` to `session.key.new` (0600), replacing a stale one.
    func stage(_ key: SessionKey) throws(SessionStoreError) {
        PrivateFile.remove(pendingPath)
        do {
            try PrivateFile.ensureFolder(of: pendingPath)
            try PrivateFile.createExclusively(pendingPath, contents: key.fileContents)
        } catch {
            throw .invalidKey(source: pendingPath, detail: error.description)
        }
    }

    /// Makes the staged key the key file (an atomic rename).
    func commitStaged() throws(SessionStoreError) {
        do {
            try PrivateFile.replace(filePath, with: pendingPath)
        } catch {
            throw .invalidKey(source: filePath, detail: error.description)
        }
    }

    /// Forgets a staged key.
    func discardStaged() { PrivateFile.remove(pendingPath) }

    private func readKeyFile(_ path: String) throws(SessionStoreError) -> SessionKey? {
        let mode: mode_t?
        do { mode = try PrivateFile.mode(path) } catch { throw .invalidKey(source: path, detail: error.description) }
        guard let mode else { return nil }
        if mode & 0o077 != 0 { throw .keyFileTooOpen(path: path, mode: PrivateFile.octal(mode)) }
        let data: Data?
        do { data = try PrivateFile.read(path) } catch { throw .invalidKey(source: path, detail: error.description) }
        guard let data else { return nil }
        return try SessionKey(base64: String(decoding: data, as: UTF8.self), source: path)
    }
}
