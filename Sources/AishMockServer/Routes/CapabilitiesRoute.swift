import Hummingbird

/// `GET /api/capabilities` (PROTOCOL.md §1), from the one list of features.
struct CapabilitiesRoute: Sendable {
    /// Every feature the mock offers. Change a feature here and both
    /// `/api/capabilities` and discovery's per-specialist `features` follow.
    static let features: KeyValuePairs<String, Bool> = [
        "streaming": true,
        "sessions": true,
        "bulk_operations": true,
        "websocket": true,
        "enhanced_discovery": true,
    ]

    /// The features discovery lists for each specialist.
    static let specialistFeatureNames = ["streaming", "sessions", "websocket"]

    /// The capabilities document.
    static var document: JSONValue {
        .object([
            "version": "2.0",
            "features": .object(features.map { JSONValue.Member(name: $0.key, value: .bool($0.value)) }),
            "api_versions": .strings(["v1", "v2"]),
            "deprecations": .object(["v1/team-chat": "use v2/bulk"]),
        ])
    }

    /// Whether a feature is on.
    static func isEnabled(_ name: String) -> Bool {
        features.first { $0.key == name }?.value ?? false
    }

    /// Adds the route to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/api/capabilities") { _, _ in
            Response.json(Self.document)
        }
    }
}
