import AishKit

/// A scripted server shaped like the mock: six specialists (hermes unhealthy), v2
/// with sessions, and discovery scores, answering with ``ScriptedTransport/echo(_:)``.
enum ScriptedTekton {
    static let roster: [Specialist] = ["apollo", "athena", "metis", "prometheus", "penia", "hermes"].map {
        Specialist(id: $0, name: $0.capitalized, healthy: $0 != "hermes")
    }

    static let discovered: [DiscoveredSpecialist] = [
        DiscoveredSpecialist(
            id: "apollo", primary: ["code-analysis", "debugging"], scores: ["debugging": 0.9, "code-analysis": 0.95]),
        DiscoveredSpecialist(id: "athena", primary: ["knowledge"], scores: ["knowledge": 0.9, "debugging": 0.4]),
        DiscoveredSpecialist(id: "metis", primary: ["workflow"], scores: ["workflow": 0.8]),
        DiscoveredSpecialist(id: "prometheus", primary: ["planning"], scores: ["planning": 0.97]),
        DiscoveredSpecialist(id: "penia", primary: ["cost-analysis"], scores: ["cost-analysis": 0.97]),
        DiscoveredSpecialist(id: "hermes", status: "inactive", primary: ["messaging"]),
    ]

    static let v2 = ServerCapabilities(
        version: "2.0",
        features: .init(
            streaming: true, sessions: true, bulkOperations: true, websocket: true, enhancedDiscovery: true),
        apiVersions: ["v1", "v2"])

    /// The server; `script` answers every healthy specialist, hermes fails as unavailable.
    static func server(
        offered: ServerCapabilities = v2, clock: any AishClock = SystemClock(),
        script: @escaping @Sendable (ChatRequest) -> [ScriptedTransport.Step] = ScriptedTransport.echo
    ) -> ScriptedServer {
        ScriptedServer(roster: roster, offered: offered, discovered: discovered, clock: clock) { request in
            request.specialistID == "hermes"
                ? [.fail(.specialistUnavailable(id: "hermes", detail: "it is not healthy"))] : script(request)
        }
    }
}
