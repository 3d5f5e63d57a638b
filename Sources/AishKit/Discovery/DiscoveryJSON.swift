import Foundation

/// The `--json` forms of `aish discover`.
public enum DiscoveryJSON {
    /// One ranked specialist; unknown figures are `null`.
    public struct Entry: Encodable {
        var position: Int
        var id: String
        var name: String
        var status: String
        var model: String?
        var capability: String?
        var score: Double?
        var isPrimary: Bool
        var rank: Double?
        var successRate: Double?
        var avgResponseTime: Double?
        var contextWindow: Int?
        var primary: [String]

        public init(_ ranked: RankedSpecialist, position: Int) {
            self.position = position
            id = ranked.id
            name = ranked.specialist.name
            status = ranked.specialist.status
            model = ranked.specialist.model
            capability = ranked.capability
            score = ranked.score
            isPrimary = ranked.isPrimary
            rank = ranked.rank.map { ($0 * 1_000_000).rounded() / 1_000_000 }
            successRate = ranked.specialist.successRate
            avgResponseTime = ranked.specialist.averageResponseTime
            contextWindow = ranked.specialist.contextWindow
            primary = ranked.specialist.primary
        }

        private enum CodingKeys: String, CodingKey {
            case position, id, name, status, model, capability, score, rank, primary
            case isPrimary = "is_primary"
            case successRate = "success_rate"
            case avgResponseTime = "avg_response_time"
            case contextWindow = "context_window"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(position, forKey: .position)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(status, forKey: .status)
            try container.encode(model, forKey: .model)
            try container.encode(capability, forKey: .capability)
            try container.encode(score, forKey: .score)
            try container.encode(isPrimary, forKey: .isPrimary)
            try container.encode(rank, forKey: .rank)
            try container.encode(successRate, forKey: .successRate)
            try container.encode(avgResponseTime, forKey: .avgResponseTime)
            try container.encode(contextWindow, forKey: .contextWindow)
            try container.encode(primary, forKey: .primary)
        }
    }

    public struct Listing: Encodable {
        var server: String
        var source: String
        var cached: Bool
        var capability: String?
        var formula: String
        var specialists: [Entry]

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(server, forKey: .server)
            try container.encode(source, forKey: .source)
            try container.encode(cached, forKey: .cached)
            try container.encode(capability, forKey: .capability)
            try container.encode(formula, forKey: .formula)
            try container.encode(specialists, forKey: .specialists)
        }

        private enum CodingKeys: String, CodingKey { case server, source, cached, capability, formula, specialists }
    }

    public struct Best: Encodable {
        var server: String
        var source: String
        var cached: Bool
        var capability: String
        var chosenBy: String
        var formula: String
        var best: Entry
        var runnersUp: [Entry]

        private enum CodingKeys: String, CodingKey {
            case server, source, cached, capability, formula, best
            case chosenBy = "chosen_by"
            case runnersUp = "runners_up"
        }
    }

    public static func listing(_ listing: DiscoveryService.Listing, server: String) -> String {
        encode(
            Listing(
                server: server, source: listing.source.rawValue, cached: listing.fromCache,
                capability: listing.capability, formula: CapabilityRanking.formula,
                specialists: listing.ranked.enumerated().map { Entry($1, position: $0 + 1) }))
    }

    public static func best(_ choice: DiscoveryService.Choice, server: String) -> String {
        encode(
            Best(
                server: server, source: choice.source.rawValue, cached: choice.fromCache, capability: choice.capability,
                chosenBy: choice.serverChoseCandidates ? "server" : "aish", formula: CapabilityRanking.formula,
                best: Entry(choice.winner, position: 1),
                runnersUp: choice.runnersUp.enumerated().map { Entry($1, position: $0 + 2) }))
    }

    private static func encode(_ value: some Encodable) -> String {
        (PrettyJSON.text(value) ?? "{}") + "\n"
    }
}
