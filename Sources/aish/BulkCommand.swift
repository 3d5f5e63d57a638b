import AishKit
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `aish bulk PLAN`: runs a plan of operations (PROTOCOL.md section 5).
struct BulkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk",
        abstract: "Run a plan: many messages to specialists, some waiting for others' answers.",
        discussion: """
            A plan is JSON: {"operations": [{"id": "op1", "ai": "apollo", "message": "..."}, \
            {"id": "op2", "ai": "athena", "message": "review {op1}", "depends_on": ["op1"]}], \
            "execution": "parallel", "timeout": 60}. Operations may also set temperature, \
            max_tokens and timeout (seconds). {opN} in a message is replaced by opN's \
            response and must be listed in depends_on. The whole plan is checked first and \
            every problem is reported at once.

            By default aish runs the plan itself, streaming every operation through the \
            same transport as `aish chat`, so progress shows live: with "parallel" an \
            operation starts as soon as its dependencies succeed (at most --max-parallel at \
            once), with "sequential" one runs at a time in dependency order, keeping the \
            file's order where it can. A failed operation skips everything downstream; \
            rate limits (429), unavailable specialists (503) and dropped connections are \
            retried with backoff. --server sends the plan to the server's POST \
            /api/v2/bulk instead (when it offers bulk_operations): same semantics, no \
            live progress.

            On a terminal each operation has a live line (state, specialist, time, \
            tokens, the reply as it streams), then a summary. Otherwise standard output \
            gets the result JSON of PROTOCOL.md section 5, or with --jsonl one JSON event per \
            change of state. Ctrl-C cancels the running operations and still writes every \
            finished result.

            \(BulkExitStatus.help)
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: ArgumentHelp("The plan file (JSON), or - to read it from standard input.", valueName: "plan"))
    var plan: String

    /// Everything else on the line: more plan files, or an option bulk does not have
    /// (`--max-tokens 500`, whose value would otherwise pass for a second plan), each
    /// refused with a message that says what to do instead.
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var morePlans: [String] = []

    @Flag(help: "Check the plan (syntax, fields, graph, and its specialists against the server) without running it.")
    var check = false

    @Flag(help: "Run the plan here, streaming each operation (the default).")
    var local = false

    @Flag(help: "Send the plan to the server (POST /api/v2/bulk); needs a server that offers bulk_operations.")
    var server = false

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Run at most this many operations at once (parallel plans).", valueName: "n"))
    var maxParallel = BulkPlan.defaultMaxParallel

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp("Retry a transient failure (429, 503, lost connection) this many times.", valueName: "n"))
    var retries = BulkRetryPolicy.default.maxRetries

    @Flag(help: "Print the result JSON even on a terminal.")
    var json = false

    @Flag(help: "Print one JSON event per line as operations start, retry and end, then a summary line.")
    var jsonl = false

    @Option(
        help: ArgumentHelp("Write each successful response to DIR/<id>.md as soon as it is done.", valueName: "dir"))
    var output: String?

    func validate() throws {
        if let option = morePlans.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
            let name = option.split(separator: "=", maxSplits: 1).first.map(String.init) ?? option
            let perOperation = ["--max-tokens": "max_tokens", "--temperature": "temperature", "--timeout": "timeout"]
            let hint =
                perOperation[name].map { "set \"\($0)\" on each operation of the plan that needs it" }
                ?? "see `aish bulk --help` for the options it has"
            throw ValidationError("aish bulk has no option \(name): \(hint).")
        }
        if !morePlans.isEmpty {
            let all = ([plan] + morePlans).joined(separator: ", ")
            throw ValidationError(
                "aish bulk runs one plan at a time, and got \(morePlans.count + 1): \(all). Run them in turn "
                    + "(aish bulk \(plan) && aish bulk \(morePlans[0])), or put their operations into one plan.")
        }
        if local, server { throw ValidationError("Use either --local or --server, not both.") }
        if json, jsonl { throw ValidationError("Use either --json or --jsonl, not both.") }
        guard (1...BulkPlan.maxOperations).contains(maxParallel) else {
            throw ValidationError("--max-parallel must be from 1 to \(BulkPlan.maxOperations), not \(maxParallel).")
        }
        guard (0...10).contains(retries) else {
            throw ValidationError("--retries must be from 0 to 10, not \(retries).")
        }
        if check, output != nil || jsonl || json || server {
            throw ValidationError("--check only checks the plan; leave out --output, --json, --jsonl and --server.")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        ProcessInterrupts.install(whenNobodyWaits: .exit)
        defer { ProcessInterrupts.restoreDefault() }
        do {
            let (bytes, source) = try readPlan()
            let (parsed, problems) = BulkPlan.read(bytes)
            guard let parsed else { throw BulkPlanError(source: source, problems: problems) }
            let options = self
            // A bulk run waits out rate limits itself, per operation, where its view
            // shows the retries; its transports give a 429 straight back.
            let status = try await connection.withServer(rateLimits: RateLimitPolicy(maxRetries: 0)) { client in
                try await options.run(parsed, problems: problems, source: source, client: client)
            }
            if status != 0 { throw ExitCode(ProcessInterrupts.status(status)) }
        } catch let error as BulkPlanError {
            throw report(error.description, code: "invalid_plan", exitCode: BulkExitStatus.invalidPlan)
        } catch let error as PlanFileError {
            throw report(error.description, code: "unreadable_plan", exitCode: BulkExitStatus.unreadablePlan)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw ErrorReporter.report(error, json: json || jsonl)
        }
    }

    /// A plan that cannot run: said on standard error, and with `--json`/`--jsonl`
    /// as one ``ErrorJSON`` object on standard output.
    private func report(_ message: String, code: String, exitCode: Int32) -> ExitCode {
        try? FileDescriptorSink.standardError.write("aish: error: \(message)\n")
        if json || jsonl {
            let object = ErrorJSON(code: code, message: message, exitCode: exitCode)
            try? FileDescriptorSink.standardOutput.write(object.encoded() + "\n")
        }
        return ExitCode(exitCode)
    }

    /// The plan's bytes and a name for messages; a device, a directory or a file
    /// over the size limit is refused before it is read whole.
    private func readPlan() throws -> ([UInt8], String) {
        do {
            if plan == "-" {
                return (
                    try BoundedFile.read(descriptor: 0, name: "standard input", limit: BulkPlan.fileSizeLimit),
                    "standard input"
                )
            }
            return (try BulkPlan.readFile(plan), plan)
        } catch {
            throw PlanFileError(path: plan == "-" ? "standard input" : plan, reason: error.reason)
        }
    }

    /// Checks the plan's specialists and runs it (or only checks); returns the exit status.
    private func run(_ parsed: BulkPlan, problems: [BulkPlanProblem], source: String, client: CombinedServer)
        async throws -> Int32
    {
        let preparation = try await client.prepareBulk(
            parsed, problems: problems, source: source, forcedTransport: connection.transport?.kind)
        if check {
            try FileDescriptorSink.standardOutput.write(BulkCheckReport(plan: preparation.plan, source: source).text)
            return 0
        }
        if server, !preparation.capabilities.features.bulkOperations {
            throw AishError.invalidArgument(
                name: "--server", value: client.baseURL,
                hint: "this server does not offer bulk_operations; leave out --server to run the plan here")
        }
        let via =
            server
            ? "on the server" : "here over \(preparation.transport.kind.displayName)"
        if connection.verbose {
            try FileDescriptorSink.standardError.write(
                "aish: running \(preparation.plan.operations.count) operations \(via) at \(client.baseURL)"
                    + (server ? "\n" : " (\(preparation.reason))\n"))
        }
        let settings = connection.applied(to: try await Settings.current())
        let style = BulkOutputStyle(
            json: json, jsonl: jsonl, colors: settings.wantsColor(.process),
            dumbTerminal: Platform.process.environment["TERM"] == "dumb")
        let session = BulkSession(plan: preparation.plan, style: style, outputDirectory: output)
        let retry = BulkRetryPolicy(maxRetries: retries)
        let result: BulkRunResult?
        if server {
            result = try await session.run(via: "server") { _ in
                try await client.runBulkOnServer(preparation.plan, source: source, retry: retry)
            }
        } else {
            let runner = BulkRunner(
                plan: preparation.plan,
                executor: TransportOperationExecutor(transport: preparation.transport),
                options: BulkRunner.Options(
                    maxParallel: maxParallel, retry: retry,
                    onePerSpecialist: BulkRunner.Options.oneRequestPerSpecialist(on: preparation.capabilities)))
            result = try await session.run(via: "local, \(preparation.transport.kind.displayName)") { onEvent in
                await runner.run(onEvent: onEvent)
            }
        }
        guard let result else { return BulkExitStatus.interrupted }
        return BulkExitStatus.of(result)
    }
}
