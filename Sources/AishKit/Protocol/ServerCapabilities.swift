/// What a Tekton server says it can do (`GET /api/capabilities`, PROTOCOL.md §1).
///
/// A server without that route (HTTP 404, like Tekton's Rhetor today) is described
/// by ``v1Only``. Missing fields read as "not offered".
public struct ServerCapabilities: Sendable, Equatable, Codable {
    /// The optional features a server may announce.
    public struct Features: Sendable, Equatable, Codable {
        /// v2 server-sent-event streaming (§3).
        public var streaming: Bool
        /// Server-side sessions (§4).
        public var sessions: Bool
        /// Bulk operations (§5).
        public var bulkOperations: Bool
        /// WebSocket JSON-RPC (§7).
        public var websocket: Bool
        /// v2 discovery with capability scores (§6).
        public var enhancedDiscovery: Bool

        /// Creates a feature set; everything defaults to not offered.
        public init(
            streaming: Bool = false,
            sessions: Bool = false,
            bulkOperations: Bool = false,
            websocket: Bool = false,
            enhancedDiscovery: Bool = false
        ) {
            self.streaming = streaming
            self.sessions = sessions
            self.bulkOperations = bulkOperations
            self.websocket = websocket
            self.enhancedDiscovery = enhancedDiscovery
        }

        private enum CodingKeys: String, CodingKey {
            case streaming, sessions, websocket
            case bulkOperations = "bulk_operations"
            case enhancedDiscovery = "enhanced_discovery"
        }

        /// Decodes the `features` object; absent flags are `false`.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            func flag(_ key: CodingKeys) throws -> Bool {
                try container.decodeIfPresent(Bool.self, forKey: key) ?? false
            }
            self.init(
                streaming: try flag(.streaming),
                sessions: try flag(.sessions),
                bulkOperations: try flag(.bulkOperations),
                websocket: try flag(.websocket),
                enhancedDiscovery: try flag(.enhancedDiscovery)
            )
        }
    }

    /// The server's protocol version (`"2.0"`), when it says.
    public var version: String?
    /// The features it offers.
    public var features: Features
    /// The API versions it serves (`["v1", "v2"]`).
    public var apiVersions: [String]
    /// Deprecated routes and what to use instead.
    public var deprecations: [String: String]
    /// Whether the server has no capabilities route at all and so speaks only v1.
    public var isV1Only: Bool

    /// Creates a description of a server.
    public init(
        version: String? = nil,
        features: Features = Features(),
        apiVersions: [String] = [],
        deprecations: [String: String] = [:],
        isV1Only: Bool = false
    ) {
        self.version = version
        self.features = features
        self.apiVersions = apiVersions
        self.deprecations = deprecations
        self.isV1Only = isV1Only
    }

    /// A server that answered 404 to `GET /api/capabilities`: v1 routes only.
    public static let v1Only = ServerCapabilities(apiVersions: ["v1"], isV1Only: true)

    /// Whether the server serves the v1 routes. A server that lists no API versions
    /// is assumed to, since every Tekton does.
    public var servesV1: Bool {
        isV1Only || apiVersions.isEmpty || apiVersions.contains("v1")
    }

    private enum CodingKeys: String, CodingKey {
        case version, features, deprecations
        case apiVersions = "api_versions"
        case isV1Only = "v1_only"
    }

    /// Decodes a capabilities document; unknown fields are ignored and a
    /// `deprecations` object that is not string-to-string is dropped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            version: try container.decodeIfPresent(String.self, forKey: .version),
            features: try container.decodeIfPresent(Features.self, forKey: .features) ?? Features(),
            apiVersions: try container.decodeIfPresent([String].self, forKey: .apiVersions) ?? [],
            deprecations: (try? container.decodeIfPresent([String: String].self, forKey: .deprecations)) ?? [:],
            isV1Only: try container.decodeIfPresent(Bool.self, forKey: .isV1Only) ?? false
        )
    }
}
