import AishKit
import ArgumentParser

/// `aish sessions search TEXT`: sessions whose title or messages contain TEXT.
struct SessionsSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find sessions whose title or messages contain TEXT (ignoring case).",
        discussion: "Messages are encrypted on disk, so each is decrypted in memory to be searched.")

    @OptionGroup var store: SessionStoreOptions

    @Argument(help: "The text to look for.")
    var text: String

    @Flag(help: "Print the matching sessions, each with its matching messages, as JSON.")
    var json = false

    func validate() throws {
        if text.isEmpty { throw ValidationError("Give some text to search for.") }
    }

    func run() async throws {
        try await SessionsCommand.withReadOnlyStore(store, json: json) { store in
            let hits = try await store.search(text)
            let stdout = FileDescriptorSink.standardOutput
            if json {
                try stdout.write(SessionExport.json(hits) + "\n")
            } else if hits.isEmpty {
                try FileDescriptorSink.standardError.write("aish: no session contains '\(text)'.\n")
                throw ExitCode(1)
            } else {
                let colors = try await Settings.current().wantsColor(.process)
                try stdout.write(
                    SessionListing.searchResults(
                        hits, query: text, columns: SessionsCommand.terminalColumns,
                        highlights: colors && SessionsCommand.terminalColumns != nil))
            }
        }
    }
}
