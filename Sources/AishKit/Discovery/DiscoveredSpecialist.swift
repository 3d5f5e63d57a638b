/// One specialist as discovery describes it (an entry of
/// `GET /api/v2/discovery/ais`, PROTOCOL.md §6), or as aish makes one from a v1
/// roster entry, whose capability tags carry no scores.
///
/// The performance figures are read from the `capabilities` object or from a
/// separate `performance` object, whichever the server sends; any of them may be
/// missing. Encoding writes the flat form aish keeps in its cache.
public struct DiscoveredSpecialist: Sendable, Equatable, Codable {
    /// The server's id (`apollo` on the mock, `apollo-ci` on Tekton).
    public var id: String
    /// A display name (`Apollo`).
    public var name: String
    /// `active`, `inactive`, or whatever else the server says.
    public var status: String
    /// The model behind the specialist, when the server says.
    public var model: String?
    /// The capabilities the specialist is built for (v2 `primary`, or v1 tags).
    public var primary: [String]
    /// A score from 0 to 1 per capability; empty for v1 tags.
    public var scores: [String: Double]
    /// The context window in tokens, when known.
    public var contextWindow: Int?
    /// The mean time to answer, in seconds, when known.
    public var averageResponseTime: Double?
    /// The share of requests answered successfully, 0–1, when known.
    public var successRate: Double?

    /// Creates an entry.
    public init(
        id: String, name: String? = nil, status: String = "active", model: String? = nil, primary: [String] = [],
        scores: [String: Double] = [:], contextWindow: Int? = nil, averageResponseTime: Double? = nil,
        successRate: Double? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.status = status
        self.model = model
        self.primary = primary
        self.scores = scores
        self.contextWindow = contextWindow
        self.averageResponseTime = averageResponseTime
        self.successRate = successRate
    }

    /// The entry for a v1 roster specialist: its tags and its category (Rhetor's
    /// `planning`, `knowledge`, …) as primary capabilities, no scores, and `active`
    /// when healthy.
    public init(v1 specialist: Specialist) {
        var primary = specialist.capabilities
        if let category = specialist.category, !category.isEmpty, !primary.contains(category) {
            primary.append(category)
        }
        self.init(
            id: specialist.id, name: specialist.name, status: specialist.healthy ? "active" : "inactive",
            primary: primary)
    }

    /// Whether the server counts the specialist as available.
    public var isActive: Bool { status.lowercased() == "active" }

    /// Every capability the entry names: primary ones and scored ones.
    public var capabilityNames: [String] {
        var seen: Set<String> = []
        return (primary + scores.keys.sorted()).filter { seen.insert($0).inserted }
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, status, model, capabilities, performance, primary, scores
        case contextWindow = "context_window"
        case averageResponseTime = "avg_response_time"
        case successRate = "success_rate"
    }

    /// Decodes a v2 discovery entry, or aish's own flat form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id = try container.decode(String.self, forKey: .id)
        // v2 nests capabilities and (sometimes) performance; the cached form is flat.
        let nested = try? container.nestedContainer(keyedBy: CodingKeys.self, forKey: .capabilities)
        let performance = try? container.nestedContainer(keyedBy: CodingKeys.self, forKey: .performance)
        let sources = [nested, performance, container].compactMap { $0 }
        func first<T: Decodable>(_ type: T.Type, _ key: CodingKeys) -> T? {
            for source in sources {
                if let value = try? source.decodeIfPresent(T.self, forKey: key) { return value }
            }
            return nil
        }
        self.init(
            id: id,
            name: try container.decodeIfPresent(String.self, forKey: .name),
            status: try container.decodeIfPresent(String.self, forKey: .status) ?? "active",
            model: try container.decodeIfPresent(String.self, forKey: .model),
            primary: first([String].self, .primary) ?? [],
            scores: first([String: Double].self, .scores) ?? [:],
            contextWindow: first(Int.self, .contextWindow),
            averageResponseTime: first(Double.self, .averageResponseTime),
            successRate: first(Double.self, .successRate)
        )
    }

    /// Encodes the flat form (every field at the top level, absent ones left out).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(model, forKey: .model)
        try container.encode(primary, forKey: .primary)
        try container.encode(scores, forKey: .scores)
        try container.encodeIfPresent(contextWindow, forKey: .contextWindow)
        try container.encodeIfPresent(averageResponseTime, forKey: .averageResponseTime)
        try container.encodeIfPresent(successRate, forKey: .successRate)
    }
}
