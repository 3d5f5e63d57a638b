extension SQLiteSessionStore {
    /// Opens the store at `location` (creating it and its key on first use) with the
    /// key that `environment` or the key file gives, then prunes the sessions idle
    /// longer than `ttl`. The key is checked before anything is deleted.
    public static func openPruning(
        _ location: SessionLocation, environment: [String: String], ttl: SessionAge
    ) async throws -> SQLiteSessionStore {
        let keyring = SessionKeyring(environment: environment, filePath: location.keyPath)
        let store = try SQLiteSessionStore(location: location, keyring: keyring)
        _ = try await store.prune(idleLongerThan: ttl)
        return store
    }
}
