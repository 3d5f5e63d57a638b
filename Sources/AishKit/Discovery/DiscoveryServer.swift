/// A server that can also say who is good at what (PROTOCOL.md §6). A server
/// without the v2 routes answers nil, and discovery falls back to the v1 roster.
public protocol DiscoveryServer: ChatServer {
    /// Every specialist of `GET /api/v2/discovery/ais`; nil when there is no such route.
    func discoveredSpecialists() async throws -> [DiscoveredSpecialist]?
    /// The candidates of `GET /api/v2/discovery/best` for `capability`, best first;
    /// nil when there is no such route.
    func bestMatches(capability: String, threshold: Double) async throws -> [DiscoveryCatalog.BestMatch]?
    /// The specialist Tekton's Rhetor picks for `role` (`GET /api/v1/ai/find/{role}`):
    /// its id, `.some(nil)` when none is healthy, nil when there is no such route.
    func findSpecialist(role: String) async throws -> String??
    /// Everything discovery knows of the specialists, from where, and whether that is
    /// all of them (false while Tekton cannot be asked: not worth keeping); see the
    /// default, ``tektonDiscoveryEntries()``.
    func discoveryEntries() async throws -> (
        source: DiscoveryCatalog.Source, specialists: [DiscoveredSpecialist], complete: Bool
    )
}

extension DiscoveryServer {
    public func discoveryEntries() async throws -> (
        source: DiscoveryCatalog.Source, specialists: [DiscoveredSpecialist], complete: Bool
    ) {
        let (source, specialists) = try await tektonDiscoveryEntries()
        return (source, specialists, true)
    }

    /// A Tekton server's specialists: v2 discovery when it announces it, else (or when
    /// the route turns out to be missing) the v1 roster's tags. The capabilities come
    /// from the cache the transport's choice uses, so an `@capability` chat asks for
    /// them once; remembered ones that are out of date cost nothing here, since a
    /// missing discovery route falls back to the roster.
    public func tektonDiscoveryEntries() async throws -> (
        source: DiscoveryCatalog.Source, specialists: [DiscoveredSpecialist]
    ) {
        let (capabilities, _) = try await cachedCapabilities()
        if capabilities.features.enhancedDiscovery, let specialists = try await discoveredSpecialists() {
            return (.discoveryV2, specialists)
        }
        return (.v1Tags, try await specialists().map(DiscoveredSpecialist.init(v1:)))
    }
}
