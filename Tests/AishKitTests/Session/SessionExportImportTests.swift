import AishKit
import Foundation
import Testing

/// What `aish sessions export --all` writes, `aish sessions import` reads back whole.
@Suite struct SessionExportImportTests {
    @Test func timesSurviveTheRoundTripToTheMillisecond() throws {
        let made = Date(timeIntervalSince1970: 1_764_864_001.25)
        let used = made.addingTimeInterval(0.5)
        let session = StoredSession(
            id: "0123456789abcdef", title: "two within a second", specialist: "apollo", createdAt: made,
            updatedAt: used)
        let reply = StoredMessage(
            handle: MessageHandle(sessionID: session.id, messageID: 7), role: .specialist, specialist: "apollo",
            content: "an answer", tokens: 2, status: .complete, isStreaming: false, createdAt: used)
        let exported = SessionExport.json([(session, [reply])])
        #expect(exported.contains("2025-12-04T16:00:01.250Z"))
        let read = try SessionImport.read(Data(exported.utf8), source: "export.json")
        let (back, messages) = try #require(read.first)
        #expect(abs(back.createdAt.timeIntervalSince(made)) < 0.001)
        #expect(abs(back.updatedAt.timeIntervalSince(used)) < 0.001)
        #expect(abs((messages.first?.createdAt ?? .distantPast).timeIntervalSince(used)) < 0.001)
    }

    @Test func wholeSecondTimesAreStillRead() {
        #expect(SessionDates.date(iso8601: "2026-12-04T10:00:00Z") == Date(timeIntervalSince1970: 1_796_378_400))
        #expect(SessionDates.date(iso8601: "2026-12-04T10:00:00.250Z") == Date(timeIntervalSince1970: 1_796_378_400.25))
        #expect(SessionDates.date(iso8601: "yesterday") == nil)
    }
}
