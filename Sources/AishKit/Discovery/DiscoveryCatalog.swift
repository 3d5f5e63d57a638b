import Foundation

/// Everything discovery learned from one server at one moment: the specialists with
/// their capabilities, scores and metrics, and the `best` answers asked for since.
///
/// This is what ``DiscoveryCache`` keeps, so that the same data can serve
/// `aish discover`, routing by capability and (offline) shell completion.
public struct DiscoveryCatalog: Sendable, Equatable, Codable {
    /// Where the data came from.
    public enum Source: String, Sendable, Codable {
        /// `GET /api/v2/discovery/ais`: scores and metrics.
        case discoveryV2 = "v2"
        /// The `capabilities` tags of `GET /api/v1/ai/specialists`: no scores.
        case v1Tags = "v1-tags"
    }

    /// One candidate of a `GET /api/v2/discovery/best` answer.
    public struct BestMatch: Sendable, Equatable, Codable {
        public var id: String
        public var score: Double
        public var isPrimary: Bool

        /// Creates a candidate.
        public init(id: String, score: Double, isPrimary: Bool) {
            self.id = id
            self.score = score
            self.isPrimary = isPrimary
        }

        private enum CodingKeys: String, CodingKey {
            case id, score
            case isPrimary = "is_primary"
        }

        /// Decodes a candidate; a missing `is_primary` is false.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                id: try container.decode(String.self, forKey: .id),
                score: try container.decode(Double.self, forKey: .score),
                isPrimary: try container.decodeIfPresent(Bool.self, forKey: .isPrimary) ?? false)
        }
    }

    /// The server's base URL, as the cache keys it (see ``DiscoveryCacheKey``).
    public var server: String
    /// When the server was asked.
    public var fetchedAt: Date
    /// Whether the data has scores (v2) or only tags (v1).
    public var source: Source
    /// Every specialist the server listed, active or not, in the server's order.
    public var specialists: [DiscoveredSpecialist]
    /// `best` answers by ``bestKey(capability:threshold:)``: the candidates, best first.
    public var bestMatches: [String: [BestMatch]]

    /// Creates a catalog.
    public init(
        server: String, fetchedAt: Date, source: Source, specialists: [DiscoveredSpecialist],
        bestMatches: [String: [BestMatch]] = [:]
    ) {
        self.server = DiscoveryCacheKey.for(server)
        self.fetchedAt = fetchedAt
        self.source = source
        self.specialists = specialists
        self.bestMatches = bestMatches
    }

    /// Every capability some specialist names, sorted, each spelling once.
    public var capabilities: [String] {
        var seen: Set<String> = []
        return specialists.flatMap(\.capabilityNames).sorted()
            .filter { seen.insert(Self.normalized($0)).inserted }
    }

    /// The catalog's own spelling of `name`, or nil when no specialist names it.
    /// Capabilities compare ignoring case, and `-` and `_` count as the same
    /// (`team-chat` finds Tekton's `team_chat`).
    public func capability(named name: String) -> String? {
        let wanted = Self.normalized(name)
        return capabilities.first { Self.normalized($0) == wanted }
    }

    /// The key a `best` answer is kept under.
    public static func bestKey(capability: String, threshold: Double) -> String {
        "\(normalized(capability))@\(threshold)"
    }

    /// `name` lowercased, with `_` read as `-`.
    static func normalized(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "_", with: "-")
    }
}

extension DiscoveredSpecialist {
    /// The specialist's score for `capability` (compared as the catalog does).
    func score(for capability: String) -> Double? {
        let wanted = DiscoveryCatalog.normalized(capability)
        return scores.first { DiscoveryCatalog.normalized($0.key) == wanted }?.value
    }

    /// Whether `capability` is one of the primary ones (or a v1 tag).
    func isPrimary(_ capability: String) -> Bool {
        let wanted = DiscoveryCatalog.normalized(capability)
        return primary.contains { DiscoveryCatalog.normalized($0) == wanted }
    }

    /// Whether the specialist names `capability` at all.
    func offers(_ capability: String) -> Bool {
        isPrimary(capability) || score(for: capability) != nil
    }
}
