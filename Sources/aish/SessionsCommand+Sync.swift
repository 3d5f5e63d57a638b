import AishKit
import ArgumentParser
import Foundation

/// `aish sessions sync`: sends what was kept on this machine while the PostgreSQL
/// store could not be reached.
struct SessionsSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send the conversations kept on this machine while the PostgreSQL store was away.",
        discussion: """
            When the PostgreSQL store (session.store) cannot be reached, a chat still \
            prints its reply and keeps the conversation in an outbox on this machine \
            (an SQLite file beside the session database, sealed with the same key). \
            Every aish that reaches the store sends the outbox first; this command does \
            it on demand and says what it sent. `aish status` shows what waits.
            """)

    @OptionGroup var store: SessionStoreOptions

    func run() async throws {
        do {
            guard let url = try await store.postgres() else {
                throw AishError.invalidArgument(
                    name: "session.store", value: "sqlite",
                    hint: """
                        there is nothing to sync with the SQLite store; set session.store (or AISH_SESSION_STORE, \
                        --store) to a postgres:// URL
                        """)
            }
            let environment = Platform.process.environment
            let keyring = SessionKeyring(environment: environment, filePath: store.location.keyPath)
            let server = try await PostgresSessionStore.open(
                url, keyring: keyring, environment: environment, home: Platform.process.home)
            let outbox = PostgresStoreWithOutbox.outbox(for: url, beside: store.location)
            let sent = try await PostgresStoreWithOutbox.sendOutbox(outbox, keyring: keyring, to: server)
            let text =
                sent.sessions == 0
                ? "Nothing to send: no conversation waits on this machine for \(url).\n"
                : "Sent \(sent.sessions) session(s) and \(sent.messages) message(s) to \(url).\n"
            try FileDescriptorSink.standardOutput.write(text)
        } catch {
            throw ErrorReporter.report(error)
        }
    }
}
