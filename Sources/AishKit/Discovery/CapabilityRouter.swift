/// Sends work to a capability rather than a named specialist: `@debugging` means
/// "the best active specialist for debugging" (``DiscoveryService/best(capability:minScore:refresh:)``).
///
/// The one entry point for every place a user may write `@capability`: the command
/// line (`aish @debugging "…"`), the shell (`@debugging …`, `/use @debugging`) and
/// bulk plans (`"ai": "@code-analysis"`).
public struct CapabilityRouter: Sendable {
    /// Where the router finds specialists.
    public let discovery: DiscoveryService

    /// A router over `discovery`.
    public init(discovery: DiscoveryService) { self.discovery = discovery }

    /// A router for `client`'s server, caching in `cache` (by default only in memory).
    public init(client: any DiscoveryServer, cache: any DiscoveryCache = InMemoryDiscoveryCache()) {
        self.init(discovery: DiscoveryService(client: client, cache: cache))
    }

    /// Where a capability was routed.
    public struct Route: Sendable, Equatable {
        /// The capability, in the server's spelling.
        public var capability: String
        /// The id of the chosen specialist, to chat with.
        public var specialistID: String
        /// Its score for the capability; nil on a v1 server (a tag match).
        public var score: Double?
        /// The others that qualified, best first.
        public var runnersUp: [String]

        /// `→ apollo (debugging 0.90)`, for standard error.
        public var notice: String {
            let score = self.score.map { " " + DiscoveryFormat.score($0) } ?? " tag"
            return "→ \(specialistID) (\(capability)\(score))"
        }
    }

    /// What `@name` stands for: a specialist, or the best one for a capability.
    public enum Mention: Sendable, Equatable {
        /// The specialist with this id.
        case specialist(String)
        /// The specialist chosen for a capability.
        case capability(Route)

        /// The id of the specialist to talk to.
        public var specialistID: String {
            switch self {
            case .specialist(let id): id
            case .capability(let route): route.specialistID
            }
        }
    }

    /// The capability named by a reference: `@code-analysis` → `code-analysis`; nil
    /// for a plain specialist name (`apollo`).
    public static func capabilityName(in reference: String) -> String? {
        guard reference.hasPrefix("@") else { return nil }
        let name = String(reference.dropFirst())
        return name.isEmpty ? nil : name
    }

    /// The best active specialist for a capability, written `@code-analysis` or
    /// `code-analysis`. This is what a bulk plan's `"ai": "@code-analysis"` calls.
    ///
    /// - Throws: ``AishError/unknownCapability(name:suggestions:known:)`` (with "did
    ///   you mean"), ``AishError/noSpecialistForCapability(capability:minScore:)``,
    ///   or the server's errors.
    public func resolve(_ reference: String, refresh: Bool = false) async throws -> Route {
        let name = Self.capabilityName(in: reference) ?? reference
        let choice = try await discovery.best(capability: name, refresh: refresh)
        return Route(
            capability: choice.capability, specialistID: choice.winner.id, score: choice.winner.score,
            runnersUp: choice.runnersUp.map(\.id))
    }

    /// What `@name` (or `name`) means: the specialist so named if the server has
    /// one, else the best specialist for the capability so named.
    ///
    /// - Throws: ``AishError/ambiguousSpecialist(name:candidates:)``;
    ///   ``AishError/unknownCapability(name:suggestions:known:)`` when it is neither,
    ///   suggesting close specialists and capabilities.
    public func resolveMention(_ reference: String) async throws -> Mention {
        let name = Self.capabilityName(in: reference) ?? reference
        let (catalog, _) = try await discovery.catalog()
        let roster = catalog.specialists.map { Specialist(id: $0.id, name: $0.name) }
        if let id = try Self.specialistID(name, in: roster) { return .specialist(id) }
        guard catalog.capability(named: name) != nil else {
            let known = catalog.capabilities
            let close = CloseNames.suggestions(for: name, among: roster.map(\.bareName) + known)
            throw AishError.unknownCapability(name: name, suggestions: close, known: known)
        }
        return .capability(try await resolve(name))
    }

    /// The id of the specialist `name` stands for in `roster`, nil when none does.
    private static func specialistID(_ name: String, in roster: [Specialist]) throws(AishError) -> String? {
        do {
            return try SpecialistResolver(specialists: roster).resolve(name).id
        } catch {
            if case .unknownSpecialist = error { return nil }
            throw error
        }
    }
}

extension CapabilityRouter {
    /// Gets everything needed to chat with `name` (see
    /// ``ChatServer/prepareChat(specialist:forcedTransport:oneMessage:roster:)``), where `@name`
    /// may also be a capability: a specialist so named wins, else the best specialist
    /// for the capability, whose ``Route`` comes back so the caller can say where it went.
    public func prepareChat(
        _ name: String, forcedTransport: TransportKind?, oneMessage: Bool = false, roster: [Specialist]? = nil
    ) async throws -> (chat: PreparedChat, route: Route?) {
        let client = discovery.client
        let prepare = { (name: String, roster: [Specialist]?) in
            try await client.prepareChat(
                specialist: name, forcedTransport: forcedTransport, oneMessage: oneMessage, roster: roster)
        }
        guard let bare = Self.capabilityName(in: name) else {
            return (try await prepare(name, roster), nil)
        }
        // The roster is read once, for the name and then for the capability's winner.
        var known = roster
        var failure: AishError?
        if known == nil {
            do {
                known = try await client.specialists()
            } catch let error as AishError where error.isTektonOutage {
                failure = error
            }
        }
        if failure == nil {
            do {
                return (try await prepare(bare, known), nil)
            } catch let error as AishError where error.isUnknownSpecialist || error.isTektonOutage {
                failure = error
            }
        }
        // A capability, then; while Tekton cannot be asked, a model may still offer it.
        let mention: Mention
        do {
            mention = try await resolveMention(bare)
        } catch let error as AishError where error.isUnknownCapability {
            // No model has it either: Tekton's error says more, if it could not be asked
            // (a roster of models alone hides that; asking by name tells).
            if let failure, failure.isTektonOutage { throw failure }
            if roster == nil, !client.providerNames.isEmpty {
                do {
                    return (try await prepare(bare, nil), nil)
                } catch let tekton as AishError where tekton.isTektonOutage {
                    throw tekton
                } catch {}
            }
            throw error
        }
        guard case .capability(let route) = mention else {
            // The roster changed between the two questions; ask once more by name.
            return (try await prepare(bare, nil), nil)
        }
        return (try await prepare(route.specialistID, known), route)
    }
}
