import Foundation
import Testing

@testable import AishKit

/// What the PostgreSQL store with an outbox remembers of a session's messages on the
/// server after a read of the last ones: enough for the turns to survive the server
/// going away, however much was read before.
@Suite struct OutboxKnownTurnsTests {
    /// Message `id` of session `s`, written at second `id`.
    private func message(_ id: Int64) -> StoredMessage {
        StoredMessage(
            handle: MessageHandle(sessionID: "s", messageID: id), role: id % 2 == 1 ? .user : .specialist,
            specialist: "apollo", content: "m\(id)", status: .complete,
            createdAt: Date(timeIntervalSince1970: Double(id)))
    }

    private func ids(_ messages: [StoredMessage]) -> [Int64] { messages.map(\.handle.messageID) }

    @Test func aReadOfTheLastOnesKeepsTheEarlierOnesAlreadyKnown() {
        let known = (1...5).map(message)
        let merged = PostgresStoreWithOutbox.known(known, updatedBy: [4, 5, 6].map(message), whole: false)
        #expect(ids(merged) == [1, 2, 3, 4, 5, 6])
    }

    @Test func aReadThatHeldTheWholeSessionReplacesWhatWasKnown() {
        let merged = PostgresStoreWithOutbox.known((1...5).map(message), updatedBy: [2, 3].map(message), whole: true)
        #expect(ids(merged) == [2, 3])
    }

    @Test func aMessageGoneFromAmongTheLastOnesIsForgotten() {
        // 4 was withdrawn on the server: it is newer than the first message read, so
        // the read would have held it.
        let merged = PostgresStoreWithOutbox.known((1...4).map(message), updatedBy: [3, 5].map(message), whole: false)
        #expect(ids(merged) == [1, 2, 3, 5])
    }

    @Test func anEmptyReadOfNoneKeepsWhatWasKnown() {
        let merged = PostgresStoreWithOutbox.known((1...3).map(message), updatedBy: [], whole: false)
        #expect(ids(merged) == [1, 2, 3])
    }
}
