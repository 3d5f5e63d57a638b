import Testing

@testable import AishKit

/// Indented JSON writes an empty list or object as `[]` or `{}`, and nothing else
/// changes.
@Suite struct PrettyJSONTests {
    private struct Row: Encodable {
        var name: String
        var tags: [String]
        var scores: [String: Double]
    }

    @Test func emptyContainersCloseOnTheirLine() {
        #expect(PrettyJSON.text([Row]()) == "[]")
        #expect(PrettyJSON.text([String: Int]()) == "{}")
        let text = PrettyJSON.text([Row(name: "[\n\n]", tags: [], scores: [:])])
        #expect(
            text == """
                [
                  {
                    "name" : "[\\n\\n]",
                    "scores" : {},
                    "tags" : []
                  }
                ]
                """)
    }

    @Test func everythingElseIsAsFoundationWritesIt() {
        let row = Row(name: "a/b", tags: ["x"], scores: ["debugging": 0.5])
        #expect(
            PrettyJSON.text(row) == """
                {
                  "name" : "a/b",
                  "scores" : {
                    "debugging" : 0.5
                  },
                  "tags" : [
                    "x"
                  ]
                }
                """)
        #expect(PrettyJSON.closingEmptyContainers(Array("[ ]".utf8)) == "[ ]")
        #expect(PrettyJSON.closingEmptyContainers(Array("{\n".utf8)) == "{\n")
    }
}
