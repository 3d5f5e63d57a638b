/// What `aish status` finds out about a server: whether it answers and how fast,
/// what it offers, which transport aish would use, and whether the token works.
public struct ServerProbe: Sendable, Equatable {
    /// What the server thinks of aish's credentials.
    public enum Authentication: String, Sendable, Equatable {
        /// The server took the token aish sent.
        case accepted
        /// The server refused the token aish sent.
        case refused
        /// The server wants a token and aish has none.
        case required
        /// The server serves its v2 routes without a token.
        case notNeeded = "not-needed"
        /// A v1-only server: no authentication there.
        case notApplicable = "not-applicable"
    }

    /// The server's base URL.
    public var url: String
    /// Why the server cannot be used, when it cannot.
    public var failure: AishError?
    /// The round trip of `GET /api/capabilities`, in seconds.
    public var roundTripSeconds: Double?
    /// What the server offers.
    public var capabilities: ServerCapabilities?
    /// The transport aish would choose for the shell, bulk and team chats, and why.
    public var transport: TransportSelector.Choice?
    /// The one a one-shot chat would use, when it differs (v2 SSE beside WebSocket).
    public var oneShotTransport: TransportSelector.Choice?
    /// What the server thinks of the token.
    public var authentication: Authentication?

    /// Whether aish can chat with this server as things stand.
    public var isUsable: Bool {
        failure == nil && authentication != .refused && authentication != .required
    }
}

extension TektonClient {
    /// Asks the server everything `aish status` shows, never from the cache.
    /// Failures are part of the answer, not thrown.
    ///
    /// - Parameters:
    ///   - forcedTransport: the kind `--transport` asked for, if any.
    ///   - clock: times the round trip.
    public func probe(forcedTransport: TransportKind? = nil, clock: any AishClock = SystemClock()) async
        -> ServerProbe
    {
        var probe = ServerProbe(url: baseURL)
        let start = clock.now
        do {
            let capabilities = try await capabilities()
            probe.roundTripSeconds = (clock.now - start).seconds
            probe.capabilities = capabilities
            if capabilities.isV1Only {
                // No capabilities route: Rhetor, or no Tekton at all. Its roster tells.
                _ = try await specialists()
            }
            capabilitiesCache?.store(capabilities, for: baseURL)
            probe.authentication = try await authentication(capabilities)
            probe.transport = try TransportSelector.select(
                for: capabilities, forced: forcedTransport, implemented: Self.implementedTransports,
                unusable: unusableTransports)
            let oneShot = try TransportSelector.select(
                for: capabilities, forced: forcedTransport, implemented: Self.implementedTransports,
                unusable: unusableTransports, oneMessage: true)
            probe.oneShotTransport = oneShot.kind == probe.transport?.kind ? nil : oneShot
        } catch let error as AishError {
            probe.failure = error
        } catch {
            probe.failure =
                TLSFailure(error, url: baseURL).map { .tlsFailed(url: baseURL, provider: nil, failure: $0) }
                ?? .serverUnreachable(url: baseURL, reason: NetworkFailure.reason(for: error))
        }
        return probe
    }

    /// Tries the token on a v2 route that needs one when the server has tokens
    /// (the discovery listing, which has no side effects).
    private func authentication(_ capabilities: ServerCapabilities) async throws -> ServerProbe.Authentication {
        guard !capabilities.isV1Only, capabilities.apiVersions.contains("v2") else { return .notApplicable }
        let url = self.url("/api/v2/discovery/ais")
        let response = try await get(url)
        _ = try? await response.body.collect(upTo: Self.jsonBodyLimit)
        switch response.status.code {
        case 401, 403: return token == nil ? .required : .refused
        default: return token == nil ? .notNeeded : .accepted
        }
    }
}
