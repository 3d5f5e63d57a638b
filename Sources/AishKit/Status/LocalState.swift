import Foundation

/// The session database and key, as `aish status` shows them.
public struct LocalState {
    public var databasePath: String
    public var databaseBytes: Int?
    public var keySource: String
    public var keyExists: Bool

    public init(location: SessionLocation, environment: [String: String]) {
        let keyring = SessionKeyring(environment: environment, filePath: location.keyPath)
        databasePath = location.databasePath
        databaseBytes = Self.size(location.databasePath).map { size in
            size + (Self.size(location.databasePath + "-wal") ?? 0)
        }
        keySource = keyring.source
        keyExists = keyring.usesEnvironment || FileManager.default.fileExists(atPath: location.keyPath)
    }

    private static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }
}
