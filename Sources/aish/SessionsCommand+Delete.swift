import AishKit
import ArgumentParser

/// `aish sessions delete ID…`.
struct SessionsDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete sessions and their messages.",
        discussion: "Every id is checked first: if one is unknown or ambiguous, nothing is deleted.")

    @OptionGroup var store: SessionStoreOptions

    @Argument(help: "The sessions' ids, or unique prefixes of them.", completion: .sessionIDs)
    var ids: [String]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("Name at least one session to delete (see `aish sessions`).") }
    }

    func run() async throws {
        try await SessionsCommand.withStore(store) { store in
            var chosen: [String] = []
            for id in ids { chosen.append(try await store.session(id).id) }
            let unique = Array(Set(chosen)).sorted()
            let deleted = try await store.deleteSessions(unique)
            let names = unique.map { String($0.prefix(8)) }.joined(separator: ", ")
            try FileDescriptorSink.standardOutput.write(
                "Deleted \(deleted) session\(deleted == 1 ? "" : "s"): \(names)\n")
        }
    }
}

/// `aish sessions prune --older-than 30d`.
struct SessionsPruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete sessions not used for a while.",
        discussion: "Without --older-than, the TTL applies (AISH_SESSION_TTL, else 30d).")

    @OptionGroup var store: SessionStoreOptions

    @Option(help: ArgumentHelp("Delete sessions idle for longer than this: 30d, 12h, 90m, 2w.", valueName: "age"))
    var olderThan: String?

    func run() async throws {
        try await SessionsCommand.withStore(store) { store in
            let age: SessionAge
            if let olderThan {
                guard let parsed = SessionAge(parsing: olderThan), !parsed.isNever else {
                    throw AishError.invalidArgument(
                        name: "--older-than", value: olderThan, hint: "write an age above 0: 30d, 12h, 90m, 2w")
                }
                age = parsed
            } else {
                age = try await self.store.ttl()
            }
            let pruned = try await store.prune(idleLongerThan: age)
            try FileDescriptorSink.standardOutput.write(
                "Deleted \(pruned) session\(pruned == 1 ? "" : "s") idle for longer than \(age).\n")
        }
    }
}
