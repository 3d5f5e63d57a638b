import Foundation
import Testing

@testable import AishKit

/// Issue 12, items 10 and 18: plan checks stay linear, and the JSON of a plan is
/// read strictly, with a line and column for each problem.
@Suite struct BulkPlanHardeningTests {
    private func problems(_ text: String) -> [BulkPlanProblem] {
        problems(Array(text.utf8))
    }

    private func problems(_ bytes: [UInt8]) -> [BulkPlanProblem] {
        do {
            _ = try BulkPlan.parse(bytes, source: "plan.json")
            return []
        } catch {
            return error.problems
        }
    }

    private func operations(_ count: Int, dependency: (Int) -> String) -> String {
        let items = (1...count).map {
            #"{"id": "op\#($0)", "ai": "apollo", "message": "m", "depends_on": ["\#(dependency($0))"]}"#
        }
        return #"{"operations": ["# + items.joined(separator: ",\n") + "]}"
    }

    @Test func tooManyOperationsIsSaidAloneAndAtOnce() {
        let clock = ContinuousClock()
        let start = clock.now
        let found = problems(operations(10_000) { "missing\($0)" })
        #expect(clock.now - start < .seconds(10))  // it took 134 s
        #expect(
            found == [
                BulkPlanProblem(
                    "plan", "has 10000 operations, more than the limit of 100; split it into smaller plans")
            ])
    }

    @Test func unknownNamesInALegalPlanCostLinearTime() {
        // 100 operations, each depending on 1,000 unknown names and using 1,000 unknown
        // placeholders: suggestions are worked out for a bounded number of names.
        let names = (1...1_000).map { "\"missing\($0)\"" }.joined(separator: ",")
        let placeholders = (1...1_000).map { "{op\($0 + 1_000)}" }.joined(separator: " ")
        let items = (1...100).map {
            #"{"id": "op\#($0)", "ai": "apollo", "message": "\#(placeholders)", "depends_on": [\#(names)]}"#
        }
        let clock = ContinuousClock()
        let start = clock.now
        let found = problems(#"{"operations": ["# + items.joined(separator: ",") + "]}")
        #expect(clock.now - start < .seconds(30))
        #expect(found.count == 100 * 2_000)
        #expect(found.first?.message.contains("no operation of this plan") == true)
    }

    @Test(arguments: [
        (#"{"operations": [{"id": "a", "ai": "x", "message": "\ud800"}]}"#, "line 1, column 52"),
        ("{\"operations\": [\n  {\"id\": \"a\", \"ai\": \"x\", \"message\": \"ok \\udc00\"}]}", "line 2, column 41"),
        (#"{"operations": [{"id": "a", "ai": "x", "message": "\ud800\u0041"}]}"#, "line 1, column 52"),
    ])
    func aLoneSurrogateIsNamedWithItsPosition(text: String, location: String) {
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.location == location)
        #expect(found.first?.message.contains("half a surrogate pair") == true)
    }

    @Test func aSurrogatePairIsOneCharacter() throws {
        let text = #"{"operations": [{"id": "a", "ai": "x", "message": "smile \ud83d\ude00"}]}"#
        let plan = try BulkPlan.parse(Array(text.utf8), source: "plan.json")
        #expect(plan.operations.first?.message == "smile 😀")
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let text = #"{"operations": [{"id": "a", "ai": "x", "message": "m"}]}"#
        let plan = try BulkPlan.parse([0xEF, 0xBB, 0xBF] + Array(text.utf8), source: "plan.json")
        #expect(plan.operations.map(\.id) == ["a"])
        // Positions still count from the first character after the mark.
        #expect(problems([0xEF, 0xBB, 0xBF] + Array("{\"operations\": [".utf8)).first?.location == "line 1, column 17")
    }

    @Test(arguments: [
        (
            #"{"operations": [{"id": "a", "ai": "x", "id": "b", "message": "m"}]}"#, "id", "line 1, column 40",
            "line 1, column 18"
        ),
        ("{\"operations\": [],\n \"operations\": []}", "operations", "line 2, column 2", "line 1, column 2"),
        (
            #"{"operations": [{"id": "a", "ai": "x", "message": "m"}], "timeout": 1, "timeout": 2}"#, "timeout",
            "line 1, column 72", "line 1, column 58"
        ),
    ])
    func aDuplicatedKeyIsAnErrorNamingIt(text: String, key: String, location: String, first: String) {
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found.first?.location == location)
        #expect(found.first?.message == "the key \"\(key)\" is given twice in one object (first at \(first)); keep one")
    }

    @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
        let text = #"{"operations": "# + String(repeating: "[", count: 100_000)
        #expect(problems(text).first?.message == "not valid JSON: nested too deeply")
    }

    // MARK: - Reading plan files

    @Test func aDeviceIsRefusedWithoutReadingIt() {
        #expect(throws: BoundedFileError.notRegularFile(path: "/dev/zero", kind: "a character device")) {
            try BulkPlan.readFile("/dev/zero")
        }
    }

    @Test func aFileLargerThanTheLimitIsRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.file("huge.json")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("{".utf8)))
        // A sparse file: no disk is used for its size.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(BulkPlan.fileSizeLimit) + 1)
        try handle.close()
        #expect(throws: BoundedFileError.tooLarge(path: path, limit: BulkPlan.fileSizeLimit)) {
            try BulkPlan.readFile(path)
        }
        #expect(BoundedFileError.tooLarge(path: path, limit: BulkPlan.fileSizeLimit).reason.contains("128 MiB"))
    }

    @Test func missingFilesAndFoldersSayWhatTheyAre() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: BoundedFileError.missing(path: folder.file("none.json"))) {
            try BulkPlan.readFile(folder.file("none.json"))
        }
        #expect(throws: BoundedFileError.directory(path: folder.path)) { try BulkPlan.readFile(folder.path) }
        let plan = folder.file("plan.json")
        try #"{"operations": []}"#.write(toFile: plan, atomically: true, encoding: .utf8)
        #expect(try BulkPlan.readFile(plan) == Array(#"{"operations": []}"#.utf8))
    }
}
