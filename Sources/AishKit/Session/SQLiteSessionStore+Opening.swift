import Dispatch

extension SQLiteSessionStore {
    /// Opens the store at `location` (creating it and its key on first use) with the
    /// key that `environment` or the key file gives and `connections`, then prunes
    /// the sessions idle longer than `ttl`. The key is checked before anything is deleted.
    public static func openPruning(
        _ location: SessionLocation, environment: [String: String], ttl: SessionAge,
        connections: Connections = .pool
    ) async throws -> SQLiteSessionStore {
        let keyring = SessionKeyring(environment: environment, filePath: location.keyPath)
        let store = try await offThePool {
            try SQLiteSessionStore(location: location, keyring: keyring, connections: connections)
        }
        _ = try await store.prune(idleLongerThan: ttl)
        return store
    }

    /// Runs `work`, which may block (opening waits up to the busy timeout while
    /// another process holds the database), on a Dispatch thread rather than one of
    /// Swift's few cooperative threads, which the rest of aish (a reply's deadlines
    /// among them) needs meanwhile.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }
}
