/// The models the mock's OpenAI-compatible API serves. Each answers as one of the
/// mock's specialists does, so `local/mock-coder "hi"` gives, word for word, what
/// `apollo "hi"` gives.
enum OpenAIMockModels {
    /// A model id and the specialist that writes its replies.
    struct Model: Sendable {
        let id: String
        let specialistID: String
    }

    /// Every model, in the order `GET /v1/models` lists them.
    static let all: [Model] = [
        Model(id: "mock-llama", specialistID: "athena"),
        Model(id: "mock-coder", specialistID: "apollo"),
    ]

    /// The specialist answering as `model`, if the mock serves that model.
    static func specialist(for model: String) -> Specialist? {
        all.first { $0.id == model }.flatMap { Roster.specialist($0.specialistID) }
    }

    /// Unix seconds the models claim to have been created at (fixed, so answers repeat).
    static let created = 1_764_547_200
}
