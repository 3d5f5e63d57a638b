import AishKit
import Testing

/// The rule for the first word of `aish WORD…`.
@Suite struct ChatWordsTests {
    private let roster = [
        Specialist(id: "apollo-ci", name: "Apollo", component: "apollo", healthy: true),
        Specialist(id: "athena-ci", name: "Athena", component: "athena", healthy: true),
    ]

    @Test func aKnownNameOrIdIsTheSpecialist() throws {
        #expect(
            try ChatWords.split(["apollo", "hi"], roster: roster, moreText: false)
                == ChatWords(specialist: "apollo", prompt: ["hi"]))
        #expect(try ChatWords.split(["athena-ci", "hi"], roster: roster, moreText: false).specialist == "athena-ci")
        #expect(try ChatWords.split(["@debugging", "hi"], roster: roster, moreText: false).specialist == "@debugging")
    }

    @Test func otherWordsAreThePrompt() throws {
        #expect(
            try ChatWords.split(["what is a graph"], roster: roster, moreText: false)
                == ChatWords(specialist: nil, prompt: ["what is a graph"]))
        #expect(try ChatWords.split(["what", "is", "it"], roster: roster, moreText: false).specialist == nil)
        #expect(try ChatWords.split(["apolo"], roster: roster, moreText: false).specialist == nil)
        #expect(try ChatWords.split([], roster: roster, moreText: true).prompt.isEmpty)
    }

    @Test func aModelOfAConfiguredProviderIsTheSpecialistAndEnvWithoutItIsAnError() throws {
        #expect(
            try ChatWords.split(["env/llama3.1", "hi"], roster: roster, providers: ["env"], moreText: false)
                == ChatWords(specialist: "env/llama3.1", prompt: ["hi"]))
        #expect(
            try ChatWords.split(["local/qwen", "hi"], roster: roster, providers: ["local"], moreText: false).specialist
                == "local/qwen")
        // Forgetting to export AISH_PROVIDER_URL must not send "env/llama3.1 hi" to apollo.
        #expect {
            try ChatWords.split(["env/llama3.1", "hi"], roster: roster, providers: ["local"], moreText: false)
        } throws: { error in
            guard case AishError.badConfiguration(let source, let detail) = error else { return false }
            return source == "AISH_PROVIDER_URL" && detail.contains("'env/llama3.1'")
        }
        // Any other word with a slash is still text (a path, say).
        #expect(
            try ChatWords.split(
                ["src/main.swift", "is", "slow"], roster: roster, providers: ["local"], moreText: false
            )
            .specialist == nil)
    }

    @Test func aCloseWordWithMoreTextIsAMisspelling() {
        #expect(throws: AishError.self) { try ChatWords.split(["apolo", "hi"], roster: roster, moreText: false) }
        #expect(throws: AishError.self) { try ChatWords.split(["athnea"], roster: roster, moreText: true) }
    }

    /// A model's name without its tag (`qwen3` when Ollama has `qwen3:8b`) is meant
    /// as the model: it gets "did you mean", not a message to the default specialist.
    @Test func aModelsNameWithoutItsTagIsAMisspelling() throws {
        let models =
            roster + [Specialist(id: "ollama/qwen3:8b", name: "qwen3:8b", component: "qwen3:8b", provider: "ollama")]
        #expect(throws: AishError.unknownSpecialist(name: "qwen3", suggestions: ["qwen3:8b"])) {
            try ChatWords.split(["qwen3", "hi"], roster: models, providers: ["ollama"], moreText: false)
        }
        // A Tekton specialist's name with a colon after it is still text.
        #expect(try ChatWords.split(["apol:", "hi"], roster: roster, moreText: false).specialist == nil)
    }

    @Test func theServerDefaultIsHealthyApolloThenTheFirstHealthy() {
        #expect(Specialist.serverDefault(in: roster)?.id == "apollo-ci")
        var sick = roster
        sick[0].healthy = false
        #expect(Specialist.serverDefault(in: sick)?.id == "athena-ci")
        #expect(Specialist.serverDefault(in: []) == nil)
    }
}
