import AishKit
import Foundation
import Testing

@Suite("Discovery cache")
struct DiscoveryCacheTests {
    func temporaryPath() -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "aish-cache-\(UUID().uuidString)/aish/discovery.json")
    }

    func catalog(_ server: String, at seconds: TimeInterval = 1_800_000_000) -> DiscoveryCatalog {
        DiscoveryCatalog(
            server: server, fetchedAt: Date(timeIntervalSince1970: seconds), source: .discoveryV2,
            specialists: [
                DiscoveredSpecialist(
                    id: "apollo", primary: ["debugging"], scores: ["debugging": 0.9], averageResponseTime: 1.2,
                    successRate: 0.98)
            ],
            bestMatches: ["debugging@0.0": [.init(id: "apollo", score: 0.9, isPrimary: true)]])
    }

    @Test func keepsCatalogsPerServerInAPrivateFile() throws {
        let path = temporaryPath()
        defer {
            try? FileManager.default.removeItem(
                atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
        }
        let cache = FileDiscoveryCache(path: path)
        #expect(cache.catalog(for: "http://127.0.0.1:8003") == nil)
        cache.save(catalog("http://127.0.0.1:8003"))
        cache.save(catalog("http://tekton.example:8003", at: 1_800_000_100))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let reopened = FileDiscoveryCache(path: path)
        #expect(reopened.catalog(for: "http://127.0.0.1:8003/") == catalog("http://127.0.0.1:8003"))
        #expect(reopened.catalog(for: "HTTP://Tekton.Example:8003")?.fetchedAt.timeIntervalSince1970 == 1_800_000_100)
        #expect(reopened.catalog(for: "http://127.0.0.1:9") == nil)
    }

    @Test func neverStoresCredentialsFromTheURL() throws {
        let path = temporaryPath()
        let cache = FileDiscoveryCache(path: path)
        cache.save(catalog("https://alice:s3cret-token@tekton.example"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("s3cret-token"))
        #expect(!text.contains("alice"))
        #expect(cache.catalog(for: "https://tekton.example")?.specialists.first?.id == "apollo")
        #expect(DiscoveryCacheKey.for("https://alice:s3cret-token@Tekton.example/") == "https://tekton.example")
    }

    @Test func aDamagedFileReadsAsEmptyAndIsReplaced() throws {
        let path = temporaryPath()
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: path))
        let cache = FileDiscoveryCache(path: path)
        #expect(cache.catalog(for: "http://127.0.0.1:8003") == nil)
        cache.save(catalog("http://127.0.0.1:8003"))
        #expect(cache.catalog(for: "http://127.0.0.1:8003") != nil)
    }

    @Test func dropsOldEntriesAndKeepsTheNewestServers() throws {
        let cache = FileDiscoveryCache(path: temporaryPath())
        let start: TimeInterval = 1_800_000_000
        cache.save(catalog("http://old.example", at: start - FileDiscoveryCache.maximumAge - 1))
        cache.save(catalog("http://127.0.0.1:1", at: start))
        #expect(cache.catalog(for: "http://old.example") == nil)
        for port in 2...(FileDiscoveryCache.maximumServers + 1) {
            cache.save(catalog("http://127.0.0.1:\(port)", at: start + Double(port)))
        }
        #expect(cache.catalog(for: "http://127.0.0.1:1") == nil)
        #expect(cache.catalog(for: "http://127.0.0.1:2") != nil)
    }

    @Test func theStandardPlaceFollowsXDG() {
        #expect(
            FileDiscoveryCache(environment: ["XDG_CACHE_HOME": "/tmp/c"], home: "/home/u").path
                == "/tmp/c/aish/discovery.json")
        #expect(FileDiscoveryCache(environment: [:], home: "/home/u").path == "/home/u/.cache/aish/discovery.json")
    }
}
