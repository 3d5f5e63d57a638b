import Foundation
import Testing

@testable import AishKit

/// aish never changes the mode of a file or folder it did not create (issue 12, item 1).
@Suite("Database path modes")
struct DatabasePathModeTests {
    private func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    private func open(_ folder: TemporaryFolder, database: String) throws -> SQLiteSessionStore {
        let location = SessionLocation(databasePath: database, keyPath: folder.file("session.key"))
        return try SQLiteSessionStore(
            location: location, keyring: SessionKeyring(environment: [:], filePath: location.keyPath))
    }

    @Test func aFolderGivenAsTheDatabaseIsAnErrorAndKeepsItsMode() async throws {
        try await TemporaryFolder.with { folder in
            let database = folder.file("d")
            try FileManager.default.createDirectory(atPath: database, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: database)
            #expect {
                _ = try open(folder, database: database)
            } throws: { error in
                guard case .databaseUnavailable(let path, let detail)? = error as? SessionStoreError else {
                    return false
                }
                return path == database && detail.contains("it is a folder")
            }
            #expect(try mode(database) == 0o755)
        }
    }

    @Test func anExistingFileKeepsItsMode() async throws {
        try await TemporaryFolder.with { folder in
            let database = folder.file("shared.sqlite")
            #expect(FileManager.default.createFile(atPath: database, contents: Data()))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: database)
            _ = try open(folder, database: database)
            #expect(try mode(database) == 0o644)
        }
    }

    @Test func aNewDatabaseIsPrivate() async throws {
        try await TemporaryFolder.with { folder in
            let database = folder.file("new/sessions.sqlite")
            _ = try open(folder, database: database)
            #expect(try mode(database) == 0o600)
        }
    }
}
