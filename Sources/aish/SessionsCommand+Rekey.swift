import AishKit
import ArgumentParser
import Foundation

/// `aish sessions rekey`: every title and message re-encrypted under a new key.
struct SessionsRekeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rekey",
        abstract: "Re-encrypt every session under a new key, in one transaction.",
        discussion: """
            With a key file, a new random key replaces it (the database and the file \
            change together; if aish stops half-way, the old key still works, or the \
            next run finishes the switch). With AISH_SESSION_KEY, give the new key in \
            AISH_NEW_SESSION_KEY (base64 of 32 bytes), then use it as AISH_SESSION_KEY. \
            AISH_NEW_SESSION_KEY also chooses the new key for a key file. With a \
            PostgreSQL store that other machines share, copy the new key to each of them \
            afterwards: the old key no longer opens any of these sessions.
            """)

    static let newKeyVariable = "AISH_NEW_SESSION_KEY"

    @OptionGroup var store: SessionStoreOptions

    func run() async throws {
        let environment = Platform.process.environment
        try await SessionsCommand.withStore(store) { store in
            guard let store = store as? any SessionRekeying else {
                throw AishError.invalidArgument(name: "store", value: store.location, hint: "it cannot be re-keyed")
            }
            let usesEnvironment = environment[SessionKeyring.environmentVariable].map { !$0.isEmpty } ?? false
            let newKey: SessionKey
            if let text = environment[Self.newKeyVariable], !text.isEmpty {
                newKey = try SessionKey(base64: text, source: Self.newKeyVariable)
            } else if usesEnvironment {
                throw AishError.invalidArgument(
                    name: Self.newKeyVariable, value: "",
                    hint: """
                        the key is in \(SessionKeyring.environmentVariable), so aish cannot store a new one; set \
                        \(Self.newKeyVariable) to a new key (head -c 32 /dev/urandom | base64) and run rekey again
                        """)
            } else {
                newKey = SessionKey.random()
            }
            let count = try await store.rekey(to: newKey)
            var text = "Re-encrypted \(count.sessions) sessions and \(count.messages) messages under the new key"
            text +=
                usesEnvironment
                ? ". Set \(SessionKeyring.environmentVariable) to the value of \(Self.newKeyVariable) from now on.\n"
                : " in \(self.store.location.keyPath).\n"
            try FileDescriptorSink.standardOutput.write(text)
        }
    }
}
