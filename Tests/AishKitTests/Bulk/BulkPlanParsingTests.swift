import AishKit
import Testing

/// `BulkPlan.parse`: every kind of problem, each naming where it is, all at once.
@Suite struct BulkPlanParsingTests {
    /// The problems of `text`, or none when it parses.
    private func problems(_ text: String) -> [BulkPlanProblem] {
        do {
            _ = try BulkPlan.parse(Array(text.utf8), source: "plan.json")
            return []
        } catch {
            return error.problems
        }
    }

    private func plan(_ operations: String, extra: String = "") -> String {
        "{\"operations\": [\(operations)]\(extra)}"
    }

    @Test func aValidPlanParsesWithDefaults() throws {
        let text = plan(
            """
            {"id": "op1", "ai": "apollo", "message": "analyze this"},
            {"id": "op2", "ai": "athena", "message": "review {op1}", "depends_on": ["op1"],
             "temperature": 0.5, "max_tokens": 200, "timeout": 2.5}
            """, extra: ", \"execution\": \"sequential\", \"timeout\": 60")
        let parsed = try BulkPlan.parse(Array(text.utf8), source: "plan.json")
        #expect(parsed.execution == .sequential)
        #expect(parsed.timeout == 60)
        #expect(parsed.operations.map(\.id) == ["op1", "op2"])
        #expect(
            parsed.operations[1]
                == BulkOperation(
                    id: "op2", ai: "athena", message: "review {op1}", dependsOn: ["op1"], temperature: 0.5,
                    maxTokens: 200, timeout: 2.5))
        let minimal = try BulkPlan.parse(Array(plan(#"{"id": "a", "ai": "x", "message": "m"}"#).utf8), source: "p")
        #expect(minimal.execution == .parallel)
        #expect(minimal.timeout == nil)
    }

    @Test func syntaxErrorsGiveLineAndColumn() {
        let text = "{\"operations\": [\n  {\"id\": \"op1\" \"ai\": \"x\"}\n]}"
        #expect(problems(text) == [BulkPlanProblem("line 2, column 16", "not valid JSON: expected ',' or '}'")])
        // Columns count characters, not bytes.
        let accented = "{\"operations\": [\n  {\"id\": \"é\", ]}"
        #expect(problems(accented).first?.location == "line 2, column 15")
    }

    @Test func emptyAndNonObjectFiles() {
        #expect(problems("  \n").first?.message.contains("the file is empty") == true)
        #expect(problems("[1, 2]").first?.location == "line 1, column 1")
        #expect(
            problems("{}") == [
                BulkPlanProblem("plan", #"needs an "operations" array of {"id", "ai", "message"} objects"#)
            ])
        #expect(problems(plan("")).first?.message.contains("\"operations\" is empty") == true)
    }

    @Test func duplicateIds() {
        let found = problems(
            plan(
                #"{"id": "op1", "ai": "a", "message": "m"}, {"id": "op2", "ai": "a", "message": "m"}, "#
                    + #"{"id": "op1", "ai": "a", "message": "n"}"#))
        #expect(
            found == [BulkPlanProblem("op1", "the id is used again by operation #3 (first by #1); ids must be unique")])
    }

    @Test func unknownAndSelfDependencies() {
        let found = problems(
            plan(
                #"{"id": "op1", "ai": "a", "message": "m", "depends_on": ["op1"]}, "#
                    + #"{"id": "op2", "ai": "a", "message": "m", "depends_on": ["op9", "zzz"]}"#))
        #expect(
            found == [
                BulkPlanProblem("op1", #"depends on itself; remove "op1" from depends_on"#),
                // Never the operation itself, which cannot depend on itself.
                BulkPlanProblem("op2", "depends on 'op9', which is no operation of this plan; did you mean op1?"),
                BulkPlanProblem("op2", "depends on 'zzz', which is no operation of this plan"),
            ])
    }

    @Test func cyclesArePrintedAlongTheCycle() {
        let found = problems(
            plan(
                #"{"id": "op1", "ai": "a", "message": "m", "depends_on": ["op3"]}, "#
                    + #"{"id": "op2", "ai": "a", "message": "m"}, "#
                    + #"{"id": "op3", "ai": "a", "message": "m", "depends_on": ["op1"]}, "#
                    + #"{"id": "x", "ai": "a", "message": "m", "depends_on": ["z"]}, "#
                    + #"{"id": "y", "ai": "a", "message": "m", "depends_on": ["x"]}, "#
                    + #"{"id": "z", "ai": "a", "message": "m", "depends_on": ["y", "op2"]}"#))
        #expect(found.count == 2)
        #expect(found[0].location == "op1")
        #expect(found[0].message.contains("op1 → op3 → op1"))
        #expect(found[1].location == "x")
        #expect(found[1].message.contains("x → z → y → x"))
    }

    @Test func placeholdersMustBeDependencies() {
        let found = problems(
            plan(
                #"{"id": "op1", "ai": "a", "message": "m"}, "#
                    + #"{"id": "op2", "ai": "a", "message": "use {op1} and {op7}; keep {x} and {not an id}"}, "#
                    + #"{"id": "op3", "ai": "a", "message": "mine: {op3}"}"#))
        #expect(
            found == [
                BulkPlanProblem(
                    "op2", #"the message uses {op1} but depends_on does not list op1; add "op1" to depends_on"#),
                BulkPlanProblem(
                    "op2", "the message uses {op7}, but there is no operation op7; did you mean op1, op3?"),
                BulkPlanProblem("op3", "the message uses {op3}, its own response"),
            ])
    }

    @Test func emptyMessagesAndMissingFields() {
        let found = problems(
            plan(
                #"{"id": "op1", "ai": "apollo", "message": "  \n"}, {"ai": "a", "message": "m"}, "#
                    + #"{"id": "op3", "message": "m"}, {"id": "op4", "ai": "a"}, 7"#))
        #expect(
            found == [
                BulkPlanProblem("op1", "the message is empty; say what apollo should do"),
                BulkPlanProblem("operation #2", #"has no "id"; give it one, such as "id": "op2""#),
                BulkPlanProblem("op3", #"names no specialist; add "ai": "apollo""#),
                BulkPlanProblem("op4", #"has no "message""#),
                BulkPlanProblem("operation #5", #"must be an object with "id", "ai" and "message", not a number"#),
            ])
    }

    @Test func moreThanOneHundredOperations() {
        let operations = (1...101).map { #"{"id": "op\#($0)", "ai": "a", "message": "m"}"# }.joined(separator: ",")
        #expect(
            problems(plan(operations)) == [
                BulkPlanProblem(
                    "plan", "has 101 operations, more than the limit of 100; split it into smaller plans")
            ])
        let hundred = (1...100).map { #"{"id": "op\#($0)", "ai": "a", "message": "m"}"# }.joined(separator: ",")
        #expect(problems(plan(hundred)).isEmpty)
    }

    @Test func fieldTypesAndRanges() {
        let found = problems(
            plan(
                #"{"id": "op1", "ai": "a", "message": "m", "temperature": 3, "max_tokens": 1.5, "timeout": -1, "#
                    + #""depends_on": "op2", "dependson": []}, {"id": "a b", "ai": "a", "message": "m"}"#,
                extra: #", "execution": "fast", "timeout": "soon""#))
        #expect(
            found.map(\.description) == [
                #"plan: execution must be "parallel" or "sequential", not 'fast'"#,
                #"plan: "timeout" must be a number of seconds above 0 and at most 86400, not 'soon'"#,
                #"op1: unknown field "dependson"; did you mean "depends_on"?"#,
                #"op1: "depends_on" must be an array of operation ids such as ["op1"], not a string"#,
                #"op1: "temperature" must be a number from 0 to 2, not 3"#,
                #"op1: "max_tokens" must be a whole number from 1 to 1000000, not 1.5"#,
                #"op1: "timeout" must be a number of seconds above 0 and at most 86400, not -1"#,
                "operation #2: the id 'a b' is not usable: an id is 1–64 letters, digits, '_', '-' or '.', "
                    + "not starting with '.'",
            ])
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let text = plan(
            #"{"id": "op1", "ai": "a", "message": "", "depends_on": ["op2"]}, "#
                + #"{"id": "op2", "ai": "a", "message": "{op1}", "depends_on": ["op1", "op5"]}, "#
                + #"{"id": "op2", "ai": "a", "message": "m"}"#)
        let error = try #require(throws: BulkPlanError.self) { try BulkPlan.parse(Array(text.utf8), source: "p.json") }
        #expect(error.problems.count == 4)
        #expect(error.description.hasPrefix("the plan in p.json has 4 problems; nothing was run:\n  op1: "))
        #expect(error.description.contains("op1 → op2 → op1"))
    }

    @Test func specialistsAreCheckedAgainstTheRoster() throws {
        let roster = [Specialist(id: "apollo-ci", name: "Apollo"), Specialist(id: "athena-ci", name: "Athena")]
        let text = plan(
            #"{"id": "op1", "ai": "apollo", "message": "m"}, {"id": "op2", "ai": "apolo", "message": "m"}, "#
                + #"{"id": "op3", "ai": "zeus", "message": "m"}"#)
        let parsed = try BulkPlan.parse(Array(text.utf8), source: "p")
        let (resolved, problems) = parsed.resolvingSpecialists(with: SpecialistResolver(specialists: roster))
        #expect(resolved.operations[0].ai == "apollo-ci")
        #expect(
            problems == [
                BulkPlanProblem("op2", "no specialist named 'apolo'; did you mean apollo?"),
                BulkPlanProblem("op3", "no specialist named 'zeus' on this server; `aish specialists` lists them"),
            ])
    }
}
