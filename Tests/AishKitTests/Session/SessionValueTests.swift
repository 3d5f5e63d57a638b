import Foundation
import Testing

@testable import AishKit

/// The small pure pieces: ages, locations, titles, context, matching, listings.
@Suite struct SessionValueTests {
    @Test(arguments: [
        ("30d", 30 * 86_400.0), ("12h", 43_200), ("90m", 5_400), ("45s", 45), ("2w", 1_209_600), ("0", 0),
        (" 7D ", 604_800),
    ])
    func agesParse(text: String, seconds: Double) {
        #expect(SessionAge(parsing: text)?.seconds == seconds)
    }

    @Test(arguments: ["", "d", "30", "-1d", "1y", "1.5d", "thirty"])
    func badAgesDoNotParse(text: String) {
        #expect(SessionAge(parsing: text) == nil)
    }

    @Test func agesPrintInTheirLargestUnit() {
        #expect(SessionAge.defaultTTL.description == "30d")
        #expect(SessionAge(seconds: 14 * 86_400).description == "2w")
        #expect(SessionAge(seconds: 0).description == "0")
        #expect(SessionAge(seconds: 90).description == "90s")
    }

    @Test func locationsFollowFlagsThenEnvironmentThenXDG() {
        let xdg = SessionLocation(environment: ["XDG_DATA_HOME": "/d", "XDG_CONFIG_HOME": "/c"], home: "/home/u")
        #expect(xdg == SessionLocation(databasePath: "/d/aish/sessions.sqlite", keyPath: "/c/aish/session.key"))
        let defaults = SessionLocation(environment: [:], home: "/home/u")
        #expect(defaults.databasePath == "/home/u/.local/share/aish/sessions.sqlite")
        #expect(defaults.keyPath == "/home/u/.config/aish/session.key")
        #expect(SessionLocation(environment: ["AISH_DB": "/x.db"], home: "/h").databasePath == "/x.db")
        #expect(
            SessionLocation(database: "/flag.db", environment: ["AISH_DB": "/x.db"], home: "/h").databasePath
                == "/flag.db")
    }

    @Test func titlesComeFromTheFirstLine() {
        #expect(StoredSession.title(from: "\n\n  Review this diff  \n+ code") == "Review this diff")
        let long = StoredSession.title(from: String(repeating: "word ", count: 30))
        #expect(long.count <= 60)
        #expect(long.hasSuffix("…"))
    }

    @Test func sessionIDsAreHexAndPrefixesAreChecked() {
        let id = SessionID.random()
        #expect(id.count == 16)
        #expect(SessionID.prefix(id) == id)
        #expect(SessionID.prefix("ABC") == "abc")
        #expect(SessionID.prefix("xyz") == nil)
        #expect(SessionID.prefix("") == nil)
        #expect(SessionID.prefix(id + "0") == nil)
    }

    @Test func matcherIgnoresCase() {
        #expect(TextMatcher("retry").matches("The RETRY policy"))
        #expect(TextMatcher("RéSUMé").matches("my résumé"))
        #expect(!TextMatcher("retry").matches("ret ry"))
        #expect(TextMatcher("").matches("anything"))
        #expect(!TextMatcher("longer than the text").matches("short"))
    }

    @Test func snippetsShowTheMatchInContext() {
        let text = String(repeating: "a", count: 100) + " needle " + String(repeating: "b", count: 100)
        let snippet = SessionListing.snippet(of: text, around: "NEEDLE", radius: 5)
        #expect(snippet == "…aaaa needle bbbb…")
    }

    @Test func tableListsIDsShortened() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let session = StoredSession(
            id: "0123456789abcdef", title: "Hello", specialist: "apollo", createdAt: date, updatedAt: date,
            messageCount: 2)
        let lines = SessionListing.table([session]).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("ID        LAST USED"))
        #expect(lines[1].hasPrefix("01234567  "))
        #expect(lines[1].hasSuffix("   2  Hello"))
    }

    /// On a terminal every line fits its width: titles and snippets are cut with `…`
    /// (never inside a wide character), and a search's match is bold.
    @Test func onATerminalEveryLineFitsAndTheMatchIsBold() {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let title = "日本語のタイトル " + String(repeating: "long title ", count: 10)
        let session = StoredSession(
            id: "0123456789abcdef", title: title, specialist: "local/mock-coder", createdAt: date, updatedAt: date,
            messageCount: 2)
        let reply = StoredMessage(
            handle: MessageHandle(sessionID: session.id, messageID: 2), role: .specialist,
            specialist: "local/mock-coder",
            content: String(repeating: "設計 words ", count: 20) + "the Health check\n"
                + String(repeating: "x ", count: 80),
            status: .complete, createdAt: date)
        let hit = SessionSearchHit(session: session, titleMatches: false, messages: [reply])
        for columns in [61, 80, 100] {
            let table = SessionListing.table([session], columns: columns)
            let found = SessionListing.searchResults([hit], query: "health", columns: columns, highlights: true)
            for line in (table + found).split(separator: "\n") {
                #expect(TerminalWidth.visibleCells(String(line)) <= columns, "\(columns): \(line)")
            }
            #expect(table.contains("日本語") && table.contains("…"))
            #expect(found.contains("\u{1B}[1mHealth\u{1B}[22m check"))
        }
        // Piped: whole titles, no styles.
        let piped = SessionListing.table([session]) + SessionListing.searchResults([hit], query: "health")
        #expect(piped.contains(title) && !piped.contains("\u{1B}"))
    }
}

/// The earlier turns sent to a server without sessions, and their budget.
@Suite struct ConversationContextTests {
    private func message(_ role: MessageRole, _ content: String, status: MessageStatus = .complete) -> StoredMessage {
        StoredMessage(
            handle: MessageHandle(sessionID: "s", messageID: 1), role: role, specialist: "apollo", content: content,
            status: status, createdAt: Date())
    }

    @Test func noHistoryMeansTheMessageAlone() {
        #expect(ConversationContext().message("hello", after: []) == "hello")
    }

    @Test func theDocumentedFormat() {
        let history = [
            message(.user, "What is a retry?"), message(.specialist, "Trying again.\n"),
            message(.user, "And backoff?"), message(.specialist, "Waiting lo", status: .interrupted),
            message(.specialist, "", status: .interrupted),
        ]
        let expected = """
            [Earlier in this conversation]
            User: What is a retry?
            apollo: Trying again.
            User: And backoff?
            apollo (interrupted): Waiting lo
            [End of earlier conversation]

            more please
            """
        #expect(ConversationContext().message("more please", after: history) == expected)
    }

    @Test func theOldestTurnsGoFirstWhenOverBudget() {
        let history = (0..<30).map {
            message($0 % 2 == 0 ? .user : .specialist, "turn \($0) " + String(repeating: "x", count: 90))
        }
        let context = ConversationContext(maximumMessages: 10, budget: 500)
        let sent = context.message("now", after: history)
        #expect(sent.utf8.count <= 500 + "now".utf8.count)
        #expect(sent.contains("turn 29"))
        #expect(!sent.contains("turn 19 "))
        #expect(sent.hasSuffix("[End of earlier conversation]\n\nnow"))
        #expect(
            ConversationContext(maximumMessages: 2).message("now", after: history).components(separatedBy: "turn ")
                .count == 3)
    }

    @Test func aTurnLongerThanTheBudgetKeepsItsEnd() {
        let long = "start " + String(repeating: "é", count: 1_000) + " the end"
        let sent = ConversationContext(budget: 200).message("q", after: [message(.specialist, long)])
        #expect(sent.utf8.count <= 200 + 1)
        #expect(sent.contains("apollo: …"))
        #expect(sent.contains(" the end\n"))
        #expect(!sent.contains("start"))
    }

    @Test func theWholeStaysUnderTheProtocolLimit() {
        let history = [message(.user, String(repeating: "y", count: 10_000))]
        let nearlyFull = String(repeating: "m", count: MessageInput.maximumBytes - 100)
        let sent = ConversationContext().message(nearlyFull, after: history)
        #expect(sent.utf8.count <= MessageInput.maximumBytes)
        #expect(sent.hasSuffix(nearlyFull))
        let full = String(repeating: "m", count: MessageInput.maximumBytes - 50)
        #expect(ConversationContext().message(full, after: history) == full)
    }
}
