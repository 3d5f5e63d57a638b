/// One AI specialist a Tekton server offers (an entry of `GET /api/v1/ai/specialists`,
/// PROTOCOL.md §2).
///
/// Decoding reads Tekton's v1 entry (`ai_id`, `component`, `name`, …; extra fields such
/// as `port` are ignored) and also accepts `id` in place of `ai_id`. A missing
/// `capabilities` list is empty and a missing `healthy` flag means healthy. Encoding
/// writes `id` and the other fields under their own names.
public struct Specialist: Sendable, Equatable, Codable {
    /// The server's id, used in every URL (`apollo-ci` on Tekton, `apollo` on the mock).
    public var id: String
    /// A display name (`Apollo`).
    public var name: String
    /// The Tekton component behind the specialist (`apollo`), when the server says.
    public var component: String?
    /// What the specialist does, in a sentence.
    public var description: String?
    /// A grouping such as `ai`, `planning` or `infrastructure`.
    public var category: String?
    /// Capability tags (`code-analysis`, `team_chat`, …); often empty on Tekton.
    public var capabilities: [String]
    /// Whether the server currently considers the specialist reachable.
    public var healthy: Bool
    /// The configured OpenAI-compatible provider serving this model (`local`), nil
    /// for Tekton's specialists. aish sets it; a server's own `provider` field (the
    /// vendor of a specialist's model) is not read into it.
    public var provider: String?

    /// Creates a specialist; `name` defaults to the id.
    public init(
        id: String,
        name: String? = nil,
        component: String? = nil,
        description: String? = nil,
        category: String? = nil,
        capabilities: [String] = [],
        healthy: Bool = true,
        provider: String? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.component = component
        self.description = description
        self.category = category
        self.capabilities = capabilities
        self.healthy = healthy
        self.provider = provider
    }

    /// The name a user types for this specialist: the component when known, else the
    /// id without a `-suffix` such as `-ci` (`apollo-ci` → `apollo`).
    public var bareName: String {
        if let component, !component.isEmpty { return component }
        guard let dash = id.lastIndex(of: "-"), dash != id.startIndex else { return id }
        return String(id[..<dash])
    }

    private enum CodingKeys: String, CodingKey {
        case id
        case aiID = "ai_id"
        case name, component, description, category, capabilities, healthy, provider
    }

    /// Decodes a v1 roster entry (see the type's documentation for the leniencies).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let id =
            try container.decodeIfPresent(String.self, forKey: .aiID)
            ?? container.decode(String.self, forKey: .id)
        self.init(
            id: id,
            name: try container.decodeIfPresent(String.self, forKey: .name),
            component: try container.decodeIfPresent(String.self, forKey: .component),
            description: try container.decodeIfPresent(String.self, forKey: .description),
            category: try container.decodeIfPresent(String.self, forKey: .category),
            capabilities: try container.decodeIfPresent([String].self, forKey: .capabilities) ?? [],
            healthy: try container.decodeIfPresent(Bool.self, forKey: .healthy) ?? true
        )
    }

    /// Encodes the specialist with `id` (not `ai_id`) as its key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(component, forKey: .component)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(category, forKey: .category)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(healthy, forKey: .healthy)
        try container.encodeIfPresent(provider, forKey: .provider)
    }
}
