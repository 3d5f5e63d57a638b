import Foundation

/// Discovery results in one small JSON file, `$XDG_CACHE_HOME/aish/discovery.json`
/// by default (`~/.cache/aish/discovery.json`), mode 0600, keyed by server URL.
///
/// It holds what servers say about their specialists, never a token. Entries older
/// than ``maximumAge`` are dropped, and at most ``maximumServers`` are kept (the most
/// recently fetched), so ports of short-lived mock servers do not pile up. Writes
/// go to a temporary file renamed over the old one, so a reader never sees half a
/// file; when two processes save at once, the last one wins.
public struct FileDiscoveryCache: DiscoveryCache {
    /// The cache file.
    public let path: String
    /// How long an entry is kept at all (for offline completion), in seconds.
    public static let maximumAge: TimeInterval = 7 * 24 * 3600
    /// The most servers kept.
    public static let maximumServers = 16

    /// A cache in the file at `path`.
    public init(path: String) { self.path = path }

    /// A cache in the standard place for `environment` (`XDG_CACHE_HOME`, else
    /// `~/.cache`).
    public init(environment: [String: String], home: String? = nil) {
        let home = home ?? HomeFolder.path(environment: environment)
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".cache")
        self.init(path: (base as NSString).appendingPathComponent("aish/discovery.json"))
    }

    private struct Contents: Codable {
        var version = 1
        var servers: [String: DiscoveryCatalog] = [:]
    }

    public func catalog(for server: String) -> DiscoveryCatalog? {
        read().servers[DiscoveryCacheKey.for(server)]
    }

    /// Every catalog in the file, the most recently fetched first. Only reads: shell
    /// completion calls it, and must never create or change a file.
    public func catalogs() -> [DiscoveryCatalog] {
        read().servers.values.sorted { ($0.fetchedAt, $0.server) > ($1.fetchedAt, $1.server) }
    }

    public func save(_ catalog: DiscoveryCatalog) {
        var contents = read()
        contents.servers[catalog.server] = catalog
        let oldest = catalog.fetchedAt.addingTimeInterval(-Self.maximumAge)
        let kept = contents.servers.values.filter { $0.fetchedAt >= oldest }
            .sorted { ($0.fetchedAt, $0.server) > ($1.fetchedAt, $1.server) }
            .prefix(Self.maximumServers)
        contents.servers = Dictionary(uniqueKeysWithValues: kept.map { ($0.server, $0) })
        write(contents)
    }

    private func read() -> Contents {
        guard let data = try? PrivateFile.read(path),
            let contents = try? Self.decoder.decode(Contents.self, from: data), contents.version == 1
        else { return Contents() }
        return contents
    }

    private func write(_ contents: Contents) {
        guard let data = try? Self.encoder.encode(contents) else { return }
        // Best effort: a cache that cannot be written is simply not there next time.
        try? PrivateFile.replaceAtomically(path, contents: data, flushed: false)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
