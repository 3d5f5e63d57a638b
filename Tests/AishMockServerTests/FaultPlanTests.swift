import Testing

@testable import AishMockServer

@Suite struct FaultPlanTests {
    @Test func parsesEveryItem() throws {
        let plan = try FaultPlan(
            parsing:
                " drop-after=5, error-at=3 ,fatal-at=7,first-token-delay=2.5,unavailable,refuse-stream-options,refuse-max-tokens"
        )
        #expect(
            plan
                == FaultPlan(
                    dropAfterEvents: 5, recoverableErrorAt: 3, fatalErrorAt: 7, firstTokenDelay: 2.5, unavailable: true,
                    refusesStreamOptions: true, refusesMaxTokens: true))
    }

    @Test func emptyTextMeansNoFaults() throws {
        #expect(try FaultPlan(parsing: "") == .none)
        #expect(try FaultPlan(parsing: " , ") == .none)
    }

    @Test(arguments: [
        ("drop-after=x", "drop-after=x"),
        ("error-at=0", "error-at=0"),
        ("fatal-at=", "fatal-at="),
        ("first-token-delay=-1", "first-token-delay=-1"),
        ("unavailable=yes", "unavailable=yes"),
        ("refuse-stream-options=1", "refuse-stream-options=1"),
        ("explode", "explode"),
        ("error-at=2,error-at=3", "error-at=3"),
    ])
    func rejectsBadItemsByName(text: String, item: String) {
        #expect {
            try FaultPlan(parsing: text)
        } throws: { error in
            String(describing: error).contains("'\(item)'")
        }
    }
}
