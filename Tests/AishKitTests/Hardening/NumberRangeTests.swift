import Foundation
import Testing

@testable import AishKit

/// Issue 12, item 6: a number a user gives is range-checked before it becomes an
/// `Int`, so no age, however written, traps.
@Suite struct NumberRangeTests {
    @Test(arguments: [
        "1000000000000000w", "9223372036854775807s", "99999999999999999999d", "36501d", "5215w", "876001h",
    ])
    func anAgeLongerThanTheLongestIsRefused(text: String) {
        #expect(SessionAge(parsing: text) == nil)
    }

    @Test func theLongestAgeIsAcceptedAndDescribed() throws {
        let longest = try #require(SessionAge(parsing: "36500d"))
        #expect(longest == SessionAge.longest)
        #expect(longest.description == "36500d")
        #expect(SessionAge(parsing: "2w")?.description == "2w")
    }

    @Test(arguments: [Double.infinity, -Double.infinity, Double.nan, 1e300, -5, Double.greatestFiniteMagnitude])
    func everyAgeMadeFromSecondsIsDescribedWithoutTrapping(seconds: Double) {
        let age = SessionAge(seconds: seconds)
        #expect((0...SessionAge.longest.seconds).contains(age.seconds))
        #expect(!age.description.isEmpty)
    }

    @Test func aHugeTTLIsABadSettingNotACrash() async throws {
        let environment = [
            "AISH_CONFIG": "/nonexistent/aish-\(UUID().uuidString)/config.yaml",
            "AISH_SESSION_TTL": "1000000000000000w",
        ]
        do {
            _ = try await SettingsLoader.load(environment: environment)
            Issue.record("a TTL of 10^15 weeks was accepted")
        } catch {
            #expect(error.description.contains("AISH_SESSION_TTL"))
            #expect(error.description.contains("at most 36500d"))
        }
    }
}
