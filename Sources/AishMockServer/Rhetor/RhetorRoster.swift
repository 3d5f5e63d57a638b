/// Rhetor's specialists, in the order `GET /api/v1/ai/specialists` lists them
/// (`fixtures/rhetor-v1/specialists.http`), with Tekton's `-ci` ids.
///
/// The fields come from the mock's own ``Roster``; Rhetor lists only Tekton's tags as
/// `capabilities`, and also knows Tekton Core, which the v2 mock does not serve.
enum RhetorRoster {
    /// Every specialist, in Rhetor's order.
    static let all: [Specialist] = order.compactMap { component in
        let base = component == tektonCore.id ? tektonCore : Roster.specialist(component)
        return base?.renamed(component + "-ci")
    }

    /// The specialist with this id (`apollo-ci`), or nil.
    static func specialist(_ id: String) -> Specialist? {
        all.first { $0.id == id }
    }

    /// The component of an id: the id without its `-ci` (or older `-ai`) suffix.
    static func component(of id: String) -> String {
        for suffix in ["-ci", "-ai"] where id.hasSuffix(suffix) && id.count > suffix.count {
            return String(id.dropLast(suffix.count))
        }
        return id
    }

    private static let order = [
        "tekton_core", "hermes", "engram", "athena", "rhetor", "sophia", "apollo", "numa", "noesis", "prometheus",
        "telos", "metis", "harmonia", "synthesis", "ergon", "penia", "hephaestus", "terma",
    ]

    private static let tektonCore = Specialist(
        id: "tekton_core", name: "Tekton Core", port: 45010, description: "Core orchestration and startup management",
        category: "infrastructure", primary: ["orchestration"],
        scores: [Specialist.Score(capability: "orchestration", value: 0.7)], tags: [], model: "llama3.1:8b",
        contextWindow: 32_000, averageResponseTime: 0.8, successRate: 0.97, healthy: true
    )
}

extension Specialist {
    /// The same specialist under another id.
    func renamed(_ newID: String) -> Specialist {
        Specialist(
            id: newID, name: name, port: port, description: description, category: category, primary: primary,
            scores: scores, tags: tags, model: model, contextWindow: contextWindow,
            averageResponseTime: averageResponseTime, successRate: successRate, healthy: healthy
        )
    }

    /// The component name Rhetor uses (`apollo` for `apollo-ci`).
    var component: String { RhetorRoster.component(of: id) }
}
