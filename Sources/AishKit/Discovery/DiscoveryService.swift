import Foundation

/// Finds the specialists able to do a job (PROTOCOL.md §6): asks the server (v2
/// discovery, or the v1 roster's tags on a v1-only server), keeps the answer in a
/// ``DiscoveryCache`` for ``ttl`` seconds, and ranks with ``CapabilityRanking``.
public struct DiscoveryService: Sendable {
    /// How long a cached answer is used without asking the server again, by default.
    public static let defaultTTL: TimeInterval = 60

    /// The server.
    public let client: any DiscoveryServer
    /// Where answers are kept between runs.
    public let cache: any DiscoveryCache
    /// How long, in seconds, a cached answer counts as fresh.
    public let ttl: TimeInterval
    private let now: @Sendable () -> Date

    /// A discovery of `client`'s server, cached in `cache` for `ttl` seconds;
    /// `now` is the clock (tests move it).
    public init(
        client: any DiscoveryServer, cache: any DiscoveryCache = InMemoryDiscoveryCache(),
        ttl: TimeInterval = defaultTTL,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.cache = cache
        self.ttl = ttl
        self.now = now
    }

    /// A list for `aish discover`.
    public struct Listing: Sendable {
        /// Where the data came from (v2 scores or v1 tags).
        public var source: DiscoveryCatalog.Source
        /// Whether it came from the cache rather than the server just now.
        public var fromCache: Bool
        /// The capability asked about, in the server's spelling; nil for none.
        public var capability: String?
        /// The specialists that fit, best first.
        public var ranked: [RankedSpecialist]
    }

    /// The winner for a capability and the runners-up.
    public struct Choice: Sendable {
        public var source: DiscoveryCatalog.Source
        public var fromCache: Bool
        /// The capability, in the server's spelling.
        public var capability: String
        /// Whether the server's `best` route chose the candidates (else aish did).
        public var serverChoseCandidates: Bool
        public var winner: RankedSpecialist
        public var runnersUp: [RankedSpecialist]
    }

    /// The server's catalog: the cached one while younger than ``ttl`` (unless
    /// `refresh`), else a new one from the server, which is then cached.
    public func catalog(refresh: Bool = false) async throws -> (catalog: DiscoveryCatalog, fromCache: Bool) {
        let (catalog, fromCache, _) = try await loadCatalog(refresh: refresh)
        return (catalog, fromCache)
    }

    /// ``catalog(refresh:)``, and whether the catalog may be kept: not one made while
    /// Tekton could not be asked, which would hide its specialists once it is back.
    private func loadCatalog(refresh: Bool) async throws -> (
        catalog: DiscoveryCatalog, fromCache: Bool, keepable: Bool
    ) {
        if !refresh, let cached = freshCatalog() { return (cached, true, true) }
        let (source, specialists, complete) = try await client.discoveryEntries()
        let catalog = DiscoveryCatalog(
            server: client.baseURL, fetchedAt: now(), source: source, specialists: specialists)
        if complete { cache.save(catalog) }
        return (catalog, false, complete)
    }

    /// Specialists ranked for `capability` (or all, by their strongest one).
    ///
    /// - Throws: ``AishError/unknownCapability(name:suggestions:known:)`` when no
    ///   specialist names `capability`; the server's errors as ``AishError``.
    public func list(
        capability: String?, minScore: Double? = nil, includeInactive: Bool = false, refresh: Bool = false
    ) async throws -> Listing {
        let (catalog, fromCache) = try await self.catalog(refresh: refresh)
        let spelled = try capability.map { try Self.known($0, in: catalog) }
        let ranked = CapabilityRanking.rank(
            catalog.specialists, capability: spelled, minScore: minScore, includeInactive: includeInactive)
        return Listing(source: catalog.source, fromCache: fromCache, capability: spelled, ranked: ranked)
    }

    /// The best active specialist for `capability` and the runners-up.
    ///
    /// On a v2 server its `best` route says which specialists qualify (active,
    /// scoring at least `minScore`, or any score); aish then orders them with the
    /// same formula as ``list(capability:minScore:includeInactive:refresh:)``, so the
    /// two agree. Elsewhere aish chooses from the catalog.
    ///
    /// - Throws: ``AishError/unknownCapability(name:suggestions:known:)``, or
    ///   ``AishError/noSpecialistForCapability(capability:minScore:)`` when none qualifies.
    public func best(capability: String, minScore: Double? = nil, refresh: Bool = false) async throws -> Choice {
        var (catalog, fromCache, keepable) = try await loadCatalog(refresh: refresh)
        let spelled = try Self.known(capability, in: catalog)
        var ranked: [RankedSpecialist]
        var serverChose = false
        if catalog.source == .discoveryV2 {
            let key = DiscoveryCatalog.bestKey(capability: spelled, threshold: minScore ?? 0)
            var matches = catalog.bestMatches[key]
            if matches == nil, let answer = try await client.bestMatches(capability: spelled, threshold: minScore ?? 0)
            {
                matches = answer
                catalog.bestMatches[key] = answer
                if keepable { cache.save(catalog) }
                fromCache = false
            }
            if let matches {
                serverChose = true
                ranked = Self.rank(matches, capability: spelled, in: catalog)
            } else {
                ranked = CapabilityRanking.rank(catalog.specialists, capability: spelled, minScore: minScore)
            }
        } else {
            ranked = CapabilityRanking.rank(catalog.specialists, capability: spelled, minScore: minScore)
            if catalog.source == .v1Tags, let found = try await found(spelled, in: &catalog, fromCache: &fromCache) {
                // Rhetor's own pick (`find/{role}`) goes first; none means none is healthy now.
                serverChose = true
                guard let id = found else {
                    throw AishError.noSpecialistForCapability(capability: spelled, minScore: minScore)
                }
                let pick =
                    ranked.first { $0.id == id }
                    ?? RankedSpecialist(
                        specialist: catalog.specialists.first { $0.id == id } ?? DiscoveredSpecialist(id: id),
                        capability: spelled, score: nil, isPrimary: true, rank: nil)
                ranked = [pick] + ranked.filter { $0.id != id }
            }
        }
        guard let winner = ranked.first else {
            throw AishError.noSpecialistForCapability(capability: spelled, minScore: minScore)
        }
        return Choice(
            source: catalog.source, fromCache: fromCache, capability: spelled, serverChoseCandidates: serverChose,
            winner: winner, runnersUp: Array(ranked.dropFirst()))
    }

    /// Rhetor's pick for `role` (`GET /api/v1/ai/find/{role}`), kept in the catalog
    /// (and its cache) beside v2's `best` answers: `.some(nil)` when it found no
    /// healthy one, nil when the server has no such route.
    private func found(_ role: String, in catalog: inout DiscoveryCatalog, fromCache: inout Bool) async throws
        -> String??
    {
        let key = "find:" + role
        if let cached = catalog.bestMatches[key] { return .some(cached.first?.id) }
        guard let answer = try await client.findSpecialist(role: role) else { return nil }
        catalog.bestMatches[key] = answer.map { [DiscoveryCatalog.BestMatch(id: $0, score: 0, isPrimary: true)] } ?? []
        cache.save(catalog)
        fromCache = false
        return answer
    }

    /// The cached catalog when it is younger than ``ttl``.
    private func freshCatalog() -> DiscoveryCatalog? {
        guard let cached = cache.catalog(for: client.baseURL) else { return nil }
        let age = now().timeIntervalSince(cached.fetchedAt)
        return age >= 0 && age < ttl ? cached : nil
    }

    /// The catalog's spelling of `capability`, or the "did you mean" error.
    static func known(_ capability: String, in catalog: DiscoveryCatalog) throws(AishError) -> String {
        if let spelled = catalog.capability(named: capability) { return spelled }
        let known = catalog.capabilities
        throw AishError.unknownCapability(
            name: capability,
            suggestions: CloseNames.suggestions(for: capability, among: known),
            known: known)
    }

    /// The server's `best` candidates as ranked entries, with the catalog's metrics.
    private static func rank(
        _ matches: [DiscoveryCatalog.BestMatch], capability: String, in catalog: DiscoveryCatalog
    ) -> [RankedSpecialist] {
        let candidates = matches.map { match in
            var specialist = catalog.specialists.first { $0.id == match.id } ?? DiscoveredSpecialist(id: match.id)
            // The server chose it, so it counts as active whatever the catalog said.
            specialist.status = "active"
            return RankedSpecialist(
                specialist: specialist, capability: capability, score: match.score, isPrimary: match.isPrimary,
                rank: nil)
        }
        return CapabilityRanking.order(CapabilityRanking.withRanks(candidates))
    }
}
