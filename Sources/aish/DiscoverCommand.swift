import AishKit
import ArgumentParser
import Foundation

/// `aish discover`: the specialists able to do a job, ranked.
struct DiscoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find the specialists able to do a job, ranked by capability score and performance.",
        discussion: """
            Ranking: \(CapabilityRanking.formula). Score is the specialist's score for \
            --capability (without one, its strongest capability); success rate is 0 to 1. \
            Active specialists come first; ties (equal to six decimals) go to the higher \
            score, then to a primary capability, then to the id in alphabetical order.

            On a server without v2 discovery (Tekton's Rhetor today) aish matches the \
            capability tags of /api/v1/ai/specialists instead: no scores, so no ranking, \
            and --min-score has no effect; it says so on standard error.

            Answers are cached per server for \(Int(DiscoveryService.defaultTTL)) s in \
            $XDG_CACHE_HOME/aish/discovery.json (~/.cache/aish/discovery.json); \
            --refresh asks the server again.

            Route a message by capability with `aish @CAPABILITY MESSAGE...` (or `@CAPABILITY MESSAGE` \
            and `/use @CAPABILITY` in the shell): it goes to the specialist --best names.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(
        help: ArgumentHelp(
            "Only specialists with this capability (code-analysis, debugging, and so on).", valueName: "name"))
    var capability: String?

    @Option(
        name: .customLong("min-score"), parsing: .unconditional,
        help: ArgumentHelp("Only scores of at least this (0 to 1).", valueName: "s"))
    var minScore: Double?

    @Option(help: ArgumentHelp("Which specialists to list: active (default) or all.", valueName: "status"))
    var status: StatusChoice = .active

    @Flag(help: "Print the best active specialist for --capability and the runners-up.")
    var best = false

    @Flag(help: "Print JSON (the default when standard output is not a terminal).")
    var json = false

    @Flag(help: "Ask the server even when a cached answer is fresh.")
    var refresh = false

    enum StatusChoice: String, ExpressibleByArgument, CaseIterable {
        case active, all
    }

    func validate() throws {
        if let minScore, !(0...1).contains(minScore) {
            throw ValidationError("--min-score must be between 0 and 1, not \(minScore).")
        }
        if best, capability == nil {
            throw ValidationError(
                "--best needs --capability NAME, as in `aish discover --best --capability debugging`.")
        }
        if best, status == .all {
            throw ValidationError("--best picks among active specialists only; drop --status all.")
        }
    }

    func run() async throws {
        do {
            let options = self
            let cache = connection.discoveryCache
            try await connection.withServer { client in
                try await options.discover(with: DiscoveryService(client: client, cache: cache))
            }
        } catch {
            throw ErrorReporter.report(error, json: json)
        }
    }

    private func discover(with discovery: DiscoveryService) async throws {
        let stdout = FileDescriptorSink.standardOutput
        let asJSON = json || !stdout.isTerminal
        let server = discovery.client.baseURL
        if best, let capability {
            let choice = try await discovery.best(capability: capability, minScore: minScore, refresh: refresh)
            note(source: choice.source, fromCache: choice.fromCache, server: server)
            try stdout.write(
                asJSON
                    ? DiscoveryJSON.best(choice, server: server)
                    : DiscoveryTable.render(
                        best: choice.winner, runnersUp: choice.runnersUp, capability: choice.capability))
            return
        }
        let listing = try await discovery.list(
            capability: capability, minScore: minScore, includeInactive: status == .all, refresh: refresh)
        note(source: listing.source, fromCache: listing.fromCache, server: server)
        if listing.ranked.isEmpty { warn(emptyReason(listing)) }
        try stdout.write(
            asJSON
                ? DiscoveryJSON.listing(listing, server: server)
                : DiscoveryTable.render(listing.ranked, capability: listing.capability))
    }

    /// What standard error says about where the answer came from.
    private func note(source: DiscoveryCatalog.Source, fromCache: Bool, server: String) {
        if source == .v1Tags {
            warn(
                "\(server) has no v2 discovery; matching the tags and categories of /api/v1/ai/specialists "
                    + "(no scores, so no ranking)")
            if minScore != nil { warn("--min-score has no effect without scores") }
        }
        if connection.verbose {
            warn(fromCache ? "discovery answer from the cache; --refresh asks the server" : "discovery asked \(server)")
        }
    }

    private func emptyReason(_ listing: DiscoveryService.Listing) -> String {
        let what = listing.capability.map { "offers \($0)" } ?? "is listed"
        let floor = minScore.map { " with a score of at least \($0)" } ?? ""
        let hint = status == .active ? "; --status all includes inactive ones" : ""
        return "no \(status == .active ? "active " : "")specialist \(what)\(floor)\(hint)"
    }

    private func warn(_ text: String) {
        try? FileDescriptorSink.standardError.write("aish: \(text)\n")
    }
}
