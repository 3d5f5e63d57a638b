import Foundation

/// Where discovery results are kept between runs, per server.
///
/// A cache hands back whatever it has, however old; ``DiscoveryService`` decides
/// what is fresh enough (its TTL), and shell completion may use older data when the
/// server is away. A cache never fails: one it cannot read is empty, and a failed
/// save is forgotten (discovery then simply asks the server again next time).
public protocol DiscoveryCache: Sendable {
    /// The catalog last saved for `server` (any spelling of its base URL), if any.
    func catalog(for server: String) -> DiscoveryCatalog?
    /// Keeps `catalog` for its server, replacing what was there.
    func save(_ catalog: DiscoveryCatalog)
}

/// How a server's base URL is written as a cache key: scheme and host lowercased,
/// without credentials (`user:password@` is dropped, so no secret reaches the cache
/// file) and without a trailing slash.
public enum DiscoveryCacheKey {
    /// The key for `server`.
    public static func `for`(_ server: String) -> String {
        var text = server.trimmingWhitespace()
        while text.hasSuffix("/") { text.removeLast() }
        guard var components = URLComponents(string: text), components.host != nil else { return text }
        components.user = nil
        components.password = nil
        components.scheme = components.scheme?.lowercased()
        components.host = components.host?.lowercased()
        return components.string ?? text
    }
}

/// A cache that lives as long as the process: the in-memory twin of
/// ``FileDiscoveryCache``, for tests and for servers not worth remembering.
public final class InMemoryDiscoveryCache: DiscoveryCache {
    private let catalogs = LockedBox<[String: DiscoveryCatalog]>([:])
    private let saves = LockedBox(0)

    /// An empty cache.
    public init() {}

    public func catalog(for server: String) -> DiscoveryCatalog? {
        catalogs.withLock { $0[DiscoveryCacheKey.for(server)] }
    }

    public func save(_ catalog: DiscoveryCatalog) {
        catalogs.withLock { $0[catalog.server] = catalog }
        saves.withLock { $0 += 1 }
    }

    /// How many times ``save(_:)`` was called (tests use it to see whether the
    /// server was asked).
    public var saveCount: Int { saves.withLock { $0 } }
}
