import Foundation
import Testing

@testable import AishKit

#if canImport(Glibc)
    import Glibc
#endif

/// Where tokens come from, how the token file is kept, and the rate-limit policy.
@Suite struct TokenStoreTests {
    private func folder() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theOptionBeatsTheEnvironmentWhichBeatsTheFile() throws {
        let config = try folder()
        let environment = ["XDG_CONFIG_HOME": config, "AISH_TOKEN": "from-env"]
        try TokenStore.save("from-file", to: TokenStore.defaultPath(environment: environment))
        let fromOption = try TokenStore.resolve(option: "from-option", fileOption: nil, environment: environment)
        #expect(fromOption == .init(token: "from-option", source: .option))
        let fromEnvironment = try TokenStore.resolve(option: nil, fileOption: nil, environment: environment)
        #expect(fromEnvironment == .init(token: "from-env", source: .environment))
        var withoutVariable = environment
        withoutVariable["AISH_TOKEN"] = ""
        let fromFile = try TokenStore.resolve(option: nil, fileOption: nil, environment: withoutVariable)
        #expect(fromFile?.token == "from-file")
        #expect(fromFile?.source == .file(TokenStore.defaultPath(environment: environment)))
    }

    @Test func noTokenAnywhereIsNoTokenButANamedFileMustExist() throws {
        let environment = ["XDG_CONFIG_HOME": try folder()]
        #expect(try TokenStore.resolve(option: nil, fileOption: nil, environment: environment) == nil)
        #expect(throws: AishError.tokenFileUnreadable(path: "/nonexistent/token", reason: "it does not exist")) {
            try TokenStore.resolve(option: nil, fileOption: "/nonexistent/token", environment: environment)
        }
    }

    @Test func savingCreatesAPrivateFileAndReplacesAnOldOne() throws {
        let path = (try folder() as NSString).appendingPathComponent("nested/token")
        try TokenStore.save("  first \n", to: path)
        try TokenStore.save("second", to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(
            atPath: (path as NSString).deletingLastPathComponent)
        #expect(folderAttributes[.posixPermissions] as? Int == 0o700)
        #expect(try TokenStore.read(path) == "second")
        #expect(TokenStore.remove(path))
        #expect(!TokenStore.remove(path))
    }

    @Test func aFileOthersMayReadIsRefusedWithTheFix() throws {
        let path = (try folder() as NSString).appendingPathComponent("token")
        try TokenStore.save("secret-value", to: path)
        chmod(path, 0o640)
        #expect(throws: AishError.tokenFileUnsafe(path: path, mode: "0640")) { try TokenStore.read(path) }
        let message = AishError.tokenFileUnsafe(path: path, mode: "0640").description
        #expect(message.contains("chmod 600 \(path)"))
    }

    @Test(arguments: ["", "   \n", "two words", "tab\there", "caf\u{e9}"])
    func malformedTokensAreRefusedWithoutShowingThem(raw: String) {
        #expect(throws: AishError.self) { try TokenStore.validated(raw, source: "AISH_TOKEN") }
        do {
            _ = try TokenStore.validated(raw, source: "AISH_TOKEN")
        } catch {
            #expect(error.description.contains("AISH_TOKEN"))
            if !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                #expect(!error.description.contains(raw))
            }
        }
    }

    @Test func theResolvedTokenNeverShowsInDescriptionsOrDumps() {
        let resolved = TokenStore.Resolved(token: "very-secret", source: .environment)
        var dumped = ""
        dump(resolved, to: &dumped)
        #expect(!"\(resolved)".contains("very-secret"))
        #expect(!dumped.contains("very-secret"))
    }
}

@Suite struct RateLimitPolicyTests {
    @Test func waitsWhatTheServerSaysWithinBounds() {
        let policy = RateLimitPolicy(maxRetries: 3, longestWait: 60, defaultWait: 2)
        #expect(policy.wait(retryAfter: 5, retry: 1) == 5)
        #expect(policy.wait(retryAfter: 0, retry: 1) == 1)
        #expect(policy.wait(retryAfter: 61, retry: 1) == nil)
        #expect(policy.wait(retryAfter: 5, retry: 4) == nil)
        #expect(policy.wait(retryAfter: nil, retry: 1) == 2)
        #expect(policy.wait(retryAfter: nil, retry: 3) == 8)
        #expect(RateLimitPolicy(maxRetries: 0).wait(retryAfter: 1, retry: 1) == nil)
    }

    @Test func bulkRetriesWaitWhatTheServerAskedForAtMostAMinute() {
        let limited = AishError.rateLimited(url: "http://x", retryAfter: 7, attempts: 1)
        #expect(BulkRetryPolicy.isTransient(limited))
        #expect(BulkRetryPolicy.wait(after: limited, otherwise: 1) == 7)
        #expect(BulkRetryPolicy.wait(after: limited, otherwise: 9) == 9)
        let long = AishError.rateLimited(url: "http://x", retryAfter: 600, attempts: 1)
        #expect(BulkRetryPolicy.wait(after: long, otherwise: 1) == 60)
        #expect(BulkRetryPolicy.wait(after: AishError.emptyMessage, otherwise: 2) == 2)
    }

    @Test func rateLimitErrorsSayWhenToTryAgain() {
        let error = AishError.rateLimited(url: "http://x", retryAfter: 30, attempts: 4)
        #expect(error.description.contains("4 times"))
        #expect(error.description.contains("try again in 30 s"))
        #expect(error.exitCode == 69)
        #expect(AishError.unauthorized(url: "http://x", hasToken: true).exitCode == 77)
    }
}

@Suite struct CapabilitiesCacheTests {
    static let capabilities = ServerCapabilities(
        version: "2.0", features: .init(streaming: true, websocket: true), apiVersions: ["v1", "v2"])

    @Test func theFileCacheRemembersPerServerUntilTheEntryIsStale() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-cache-\(UUID().uuidString)")
        let path = (folder as NSString).appendingPathComponent("aish/servers.json")
        let cache = FileCapabilitiesCache(path: path)
        #expect(cache.capabilities(for: "http://a") == nil)
        cache.store(Self.capabilities, for: "http://a")
        cache.store(.v1Only, for: "http://b")
        #expect(cache.capabilities(for: "http://a") == Self.capabilities)
        #expect(FileCapabilitiesCache(path: path).capabilities(for: "http://b") == .v1Only)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        cache.forget("http://a")
        #expect(cache.capabilities(for: "http://a") == nil)
        #expect(cache.capabilities(for: "http://b") == .v1Only)
        #expect(FileCapabilitiesCache(path: path, lifetime: .zero).capabilities(for: "http://b") == nil)
    }

    @Test func aDamagedCacheFileIsIgnored() throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("aish-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent("servers.json")
        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        let cache = FileCapabilitiesCache(path: path)
        #expect(cache.capabilities(for: "http://a") == nil)
        cache.store(Self.capabilities, for: "http://a")
        #expect(cache.capabilities(for: "http://a") == Self.capabilities)
    }
}
