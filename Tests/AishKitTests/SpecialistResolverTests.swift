import AishKit
import Foundation
import Testing

@Suite("SpecialistResolver")
struct SpecialistResolverTests {
    /// The 18 specialists of the recorded Rhetor roster.
    static func tektonRoster() throws -> [Specialist] {
        try JSONDecoder().decode([Specialist].self, from: Fixtures.body(of: "specialists"))
    }

    @Test func decodesTheRecordedRoster() throws {
        let roster = try Self.tektonRoster()
        #expect(roster.count == 18)
        let apollo = try #require(roster.first { $0.id == "apollo-ci" })
        #expect(apollo.name == "Apollo")
        #expect(apollo.component == "apollo")
        #expect(apollo.category == "ai")
        #expect(apollo.healthy)
        #expect(apollo.bareName == "apollo")
        let rhetor = try #require(roster.first { $0.id == "rhetor-ci" })
        #expect(rhetor.capabilities.contains("llm_orchestration"))
        #expect(!rhetor.healthy)
    }

    @Test func exactIDs() throws {
        let resolver = SpecialistResolver(specialists: try Self.tektonRoster())
        #expect(try resolver.resolve("apollo-ci").id == "apollo-ci")
        #expect(try resolver.resolve("Apollo-CI").id == "apollo-ci")
    }

    @Test func bareNamesFindTheSuffixedID() throws {
        let resolver = SpecialistResolver(specialists: try Self.tektonRoster())
        #expect(try resolver.resolve("apollo").id == "apollo-ci")
        #expect(try resolver.resolve("APOLLO").id == "apollo-ci")
        #expect(try resolver.resolve("tekton_core").id == "tekton_core-ci")
    }

    @Test func mockStyleIDs() throws {
        let resolver = SpecialistResolver(specialists: [Specialist(id: "apollo"), Specialist(id: "athena")])
        #expect(try resolver.resolve("apollo").id == "apollo")
        #expect(Specialist(id: "apollo").bareName == "apollo")
    }

    /// Ollama lists its models with a tag, `latest` when none was pulled by name:
    /// `llama3.1` (bare or with the provider) is `llama3.1:latest`, as `ollama run` takes it.
    @Test func aModelsNameWithoutItsTagIsTheLatestOne() throws {
        let models = ["llama3.1:latest", "qwen3:8b"].map { (model: String) in
            Specialist(id: "ollama/" + model, name: model, component: model, provider: "ollama")
        }
        let resolver = SpecialistResolver(specialists: [Specialist(id: "apollo")] + models)
        #expect(try resolver.resolve("llama3.1").id == "ollama/llama3.1:latest")
        #expect(try resolver.resolve("ollama/llama3.1").id == "ollama/llama3.1:latest")
        #expect(throws: AishError.unknownSpecialist(name: "qwen3", suggestions: ["qwen3:8b"])) {
            try resolver.resolve("qwen3")
        }
    }

    @Test func ambiguousNames() throws {
        let resolver = SpecialistResolver(specialists: [
            Specialist(id: "apollo-ci"), Specialist(id: "apollo-ai"), Specialist(id: "athena-ci"),
        ])
        #expect(throws: AishError.ambiguousSpecialist(name: "apollo", candidates: ["apollo-ai", "apollo-ci"])) {
            try resolver.resolve("apollo")
        }
        #expect(try resolver.resolve("apollo-ai").id == "apollo-ai")
    }

    @Test func unknownNamesSuggestCloseOnes() throws {
        let resolver = SpecialistResolver(specialists: try Self.tektonRoster())
        #expect(throws: AishError.unknownSpecialist(name: "apolo", suggestions: ["apollo"])) {
            try resolver.resolve("apolo")
        }
        #expect(resolver.suggestions(for: "herm").first == "hermes")
        #expect(resolver.suggestions(for: "apollo2") == ["apollo"])
        #expect(resolver.suggestions(for: "athnea").first == "athena")  // a swap counts once
        #expect(resolver.suggestions(for: "zzzzzzzz").isEmpty)
        #expect(resolver.suggestions(for: "").isEmpty)
        #expect(resolver.suggestions(for: "t").count == 3)
        #expect(throws: AishError.unknownSpecialist(name: "nosuch", suggestions: [])) {
            try resolver.resolve("nosuch")
        }
    }

    /// `aish specialists WORD…`: every word, ignoring case, in the id, name, category
    /// or a capability.
    @Test func specialistsMatchEveryWordIgnoringCase() {
        let coder = Specialist(
            id: "local/qwen2.5-coder:7b", name: "qwen2.5-coder:7b", category: "model",
            capabilities: ["code-analysis"], provider: "local")
        #expect(coder.matches(all: []))
        #expect(coder.matches(all: ["QWEN"]))
        #expect(coder.matches(all: ["local/", "coder"]))
        #expect(coder.matches(all: ["Code-Analysis", "model"]))
        #expect(!coder.matches(all: ["qwen", "llama"]))
        #expect(!coder.matches(all: ["debugging"]))
        #expect(Specialist(id: "apollo-ci", name: "Apollo").matches(all: ["apollo"]))
    }
}
