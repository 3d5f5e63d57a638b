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

    @Test func aCloseWordWithMoreTextIsAMisspelling() {
        #expect(throws: AishError.self) { try ChatWords.split(["apolo", "hi"], roster: roster, moreText: false) }
        #expect(throws: AishError.self) { try ChatWords.split(["athnea"], roster: roster, moreText: true) }
    }

    @Test func theServerDefaultIsHealthyApolloThenTheFirstHealthy() {
        #expect(Specialist.serverDefault(in: roster)?.id == "apollo-ci")
        var sick = roster
        sick[0].healthy = false
        #expect(Specialist.serverDefault(in: sick)?.id == "athena-ci")
        #expect(Specialist.serverDefault(in: []) == nil)
    }
}
