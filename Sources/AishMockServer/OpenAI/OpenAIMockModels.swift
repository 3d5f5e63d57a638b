/// The models the mock's OpenAI-compatible API serves. Each is a persona of its own
/// (`## Mock Coder on “hi”`, `> echo from mock-coder: hi`, its own words), so a reply
/// shows which model wrote it; its health and scores are those of the specialist it
/// is based on.
enum OpenAIMockModels {
    /// A model: its id, how its replies name and describe it, and the specialist whose
    /// health and scores it takes.
    struct Model: Sendable {
        let id: String
        let name: String
        let description: String
        let basedOn: String
    }

    /// Every model, in the order `GET /v1/models` lists them.
    static let all: [Model] = [
        Model(id: "mock-llama", name: "Mock Llama", description: "General-purpose local model", basedOn: "athena"),
        Model(id: "mock-coder", name: "Mock Coder", description: "Local coding model", basedOn: "apollo"),
    ]

    /// The persona answering as `model`, if the mock serves that model; `NAME:latest`
    /// is `NAME`, as Ollama's default tag is.
    static func specialist(for model: String) -> Specialist? {
        let id = model.hasSuffix(":latest") ? String(model.dropLast(":latest".count)) : model
        guard let model = all.first(where: { $0.id == id }), let base = Roster.specialist(model.basedOn) else {
            return nil
        }
        return Specialist(
            id: model.id, name: model.name, port: base.port, description: model.description,
            category: base.category, primary: base.primary, scores: base.scores, tags: base.tags, model: model.id,
            contextWindow: base.contextWindow, averageResponseTime: base.averageResponseTime,
            successRate: base.successRate, healthy: base.healthy)
    }

    /// Unix seconds the models claim to have been created at (fixed, so answers repeat).
    static let created = 1_764_547_200
}
