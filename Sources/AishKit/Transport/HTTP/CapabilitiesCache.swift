import Foundation
import Synchronization

/// What aish remembers about servers between runs: each one's capabilities
/// (PROTOCOL.md §1), for a short time, so a one-shot chat does not ask again
/// every time. A cache is best effort: when it cannot be read or written, aish
/// simply asks the server.
public protocol CapabilitiesCache: Sendable {
    /// The capabilities remembered for `baseURL` and still fresh, if any.
    func capabilities(for baseURL: String) -> ServerCapabilities?
    /// Remembers `capabilities` for `baseURL`, from now.
    func store(_ capabilities: ServerCapabilities, for baseURL: String)
    /// Forgets what is remembered for `baseURL`.
    func forget(_ baseURL: String)
}

/// The file cache aish uses: `$XDG_CACHE_HOME/aish/servers.json`
/// (`~/.cache/aish/servers.json`), mode 0600, entries fresh for `lifetime`.
public struct FileCapabilitiesCache: CapabilitiesCache {
    /// The cache file.
    public let path: String
    /// How long an entry stays fresh.
    public let lifetime: Duration
    /// Tells the age of entries.
    public let clock: any AishClock

    /// Five minutes: long enough for a burst of one-shot chats, short enough that
    /// an upgraded server is noticed soon.
    public static let defaultLifetime: Duration = .seconds(300)

    /// A cache in the file at `path`.
    public init(path: String, lifetime: Duration = Self.defaultLifetime, clock: any AishClock = SystemClock()) {
        self.path = path
        self.lifetime = lifetime
        self.clock = clock
    }

    /// The cache at its default place for `environment`.
    public init(environment: [String: String], home: String? = nil) {
        let home = home ?? HomeFolder.path(environment: environment)
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".cache")
        self.init(path: (cache as NSString).appendingPathComponent("aish/servers.json"))
    }

    private struct Entry: Codable {
        var capabilities: ServerCapabilities
        var savedAt: Double

        enum CodingKeys: String, CodingKey {
            case capabilities
            case savedAt = "saved_at"
        }
    }

    public func capabilities(for baseURL: String) -> ServerCapabilities? {
        guard let entry = load()[baseURL] else { return nil }
        let age = clock.date.timeIntervalSince1970 - entry.savedAt
        guard age >= 0, age < lifetime.seconds else { return nil }
        return entry.capabilities
    }

    public func store(_ capabilities: ServerCapabilities, for baseURL: String) {
        var entries = load()
        entries[baseURL] = Entry(capabilities: capabilities, savedAt: clock.date.timeIntervalSince1970)
        save(entries)
    }

    public func forget(_ baseURL: String) {
        var entries = load()
        guard entries.removeValue(forKey: baseURL) != nil else { return }
        save(entries)
    }

    private func load() -> [String: Entry] {
        guard let data = try? PrivateFile.read(path) else { return [:] }
        let entries = try? data.withUnsafeBytes { raw throws(WireFormatError) in
            try Self.entries(raw.bindMemory(to: UInt8.self))
        }
        return entries ?? [:]
    }

    /// The file's entries, read by hand: `JSONDecoder`'s first use would cost a
    /// one-shot chat more than reading the file.
    private static func entries(_ bytes: UnsafeBufferPointer<UInt8>) throws(WireFormatError) -> [String: Entry] {
        var scanner = JSONScanner(bytes)
        var entries: [String: Entry] = [:]
        try scanner.readObject { scanner, key throws(WireFormatError) in
            let url = try scanner.text(ofKey: key)
            var capabilities: ServerCapabilities?
            var savedAt: Double?
            guard scanner.next == ASCII.openBrace else { throw WireFormatError("unexpected type at \(url)") }
            try scanner.readObject { scanner, key throws(WireFormatError) in
                if JSONScanner.key(key, is: "capabilities") {
                    capabilities = try ServerCapabilities(scanning: &scanner, path: url + ".capabilities")
                } else if JSONScanner.key(key, is: "saved_at") {
                    savedAt = try scanner.readOptionalNumber(field: url + ".saved_at")
                } else {
                    try scanner.skipValue()
                }
            }
            guard let capabilities, let savedAt else { throw WireFormatError("missing field at \(url)") }
            entries[url] = Entry(capabilities: capabilities, savedAt: savedAt)
        }
        try scanner.finish()
        return entries
    }

    /// Writes the whole file through a temporary one, so a reader never sees half of it.
    private func save(_ entries: [String: Entry]) {
        let fresh = entries.filter { clock.date.timeIntervalSince1970 - $0.value.savedAt < lifetime.seconds }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        guard let data = try? encoder.encode(fresh) else { return }
        // Best effort: a cache that cannot be written is simply not there next time.
        try? PrivateFile.replaceAtomically(path, contents: data, flushed: false)
    }
}

/// A cache that lives as long as the process: for tests and embedding.
public final class InMemoryCapabilitiesCache: CapabilitiesCache {
    private let entries = Mutex<[String: ServerCapabilities]>([:])

    /// An empty cache.
    public init() {}

    public func capabilities(for baseURL: String) -> ServerCapabilities? {
        entries.withLock { $0[baseURL] }
    }

    public func store(_ capabilities: ServerCapabilities, for baseURL: String) {
        entries.withLock { $0[baseURL] = capabilities }
    }

    public func forget(_ baseURL: String) {
        _ = entries.withLock { $0.removeValue(forKey: baseURL) }
    }
}
