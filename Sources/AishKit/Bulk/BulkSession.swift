import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How `aish bulk` reports: the result JSON, JSON lines, or (on a terminal) a live view.
public struct BulkOutputStyle: Sendable {
    public var json: Bool
    public var jsonl: Bool
    /// Whether the view may use colour (``AishSettings/wantsColor(_:)``).
    public var colors: Bool
    /// `TERM=dumb`: no redrawing, only the final lines.
    public var dumbTerminal: Bool

    public init(json: Bool, jsonl: Bool, colors: Bool, dumbTerminal: Bool) {
        self.json = json
        self.jsonl = jsonl
        self.colors = colors
        self.dumbTerminal = dumbTerminal
    }
}

/// One run of a plan as the command presents it: the live view, `--jsonl` events,
/// `--output` files written as each operation ends, Ctrl-C, and the final output.
public struct BulkSession: Sendable {
    public let plan: BulkPlan
    public let style: BulkOutputStyle
    public let outputDirectory: String?
    /// Ctrl-C: the first cancels the run; a second, with nobody waiting, ends aish.
    public var interrupts: InterruptSignal = ProcessInterrupts.signal

    private var stdout: FileDescriptorSink { .standardOutput }
    private var stderr: FileDescriptorSink { .standardError }

    public init(plan: BulkPlan, style: BulkOutputStyle, outputDirectory: String?) {
        self.plan = plan
        self.style = style
        self.outputDirectory = outputDirectory
    }

    /// Whether standard output gets the live view and a summary (a terminal, no
    /// --json or --jsonl) rather than JSON.
    private var humanOutput: Bool { stdout.isTerminal && !style.json && !style.jsonl }

    /// Where the operations' lines go: standard output for human output (redrawn
    /// live unless the terminal is dumb), else standard error when that is a
    /// terminal and standard output is not (JSON to a file, the view to the user).
    private func makeDisplay() -> BulkLiveDisplay? {
        let dumb = style.dumbTerminal
        if humanOutput { return BulkLiveDisplay(plan: plan, sink: stdout, colors: style.colors, animated: !dumb) }
        guard !stdout.isTerminal, stderr.isTerminal, !dumb else { return nil }
        return BulkLiveDisplay(plan: plan, sink: stderr, colors: style.colors, animated: true)
    }

    /// Runs `work` (the local runner or the server call) with every output wired
    /// up; returns its result, or nil when Ctrl-C stopped a run that has no partial
    /// result (a server run).
    public func run(
        via: String,
        _ work: @escaping @Sendable (@escaping @Sendable (BulkEvent) -> Void) async throws -> BulkRunResult
    ) async throws -> BulkRunResult? {
        let files = try outputDirectory.map { try BulkResponseFiles(directory: $0) }
        let display = makeDisplay()
        let jsonl = style.jsonl
        let stdout = self.stdout
        let onEvent: @Sendable (BulkEvent) -> Void = { event in
            display?.apply(event)
            if jsonl, let line = event.jsonLine { try? stdout.write(line + "\n") }
            if case .finished(let id, let result, _) = event, result.status == .success, let response = result.response
            {
                files?.write(response, for: id)
            }
        }
        let animation = display.flatMap { display in display.animated ? Task { await display.animate() } : nil }
        // Listening before the work starts: an interrupt as it begins is not lost.
        let listener = interrupts.listen()
        defer { listener.end() }
        let task = Task { try await work(onEvent) }
        let watch = Task { if await listener.wait() { task.cancel() } }
        let outcome = await task.result
        watch.cancel()
        animation?.cancel()
        _ = await animation?.value

        var result: BulkRunResult?
        switch outcome {
        case .success(let value):
            result = value
            if value.executedBy == "server" {
                for (id, entry) in value.results { onEvent(.finished(id: id, result: entry, at: value.executionTime)) }
            }
        case .failure(let error) where error is CancellationError:
            result = nil
        case .failure(let error):
            display?.abandon()
            throw error
        }
        display?.finish { board in
            guard let result else { return "interrupted: the server's run was abandoned" }
            return board.summary(for: result, via: via)
        }
        if let result {
            if jsonl {
                try stdout.write(result.summaryJSONLine + "\n")
            } else if !humanOutput {
                try stdout.write(result.jsonText + "\n")
            }
        }
        files?.reportFailures(to: stderr)
        return result
    }
}

/// `--output DIR`: each successful response in `DIR/<id>.md` (0600), written atomically as
/// soon as the operation ends, so an interrupted run keeps what it finished.
public final class BulkResponseFiles: Sendable {
    public let directory: String
    private let failures = LockedBox<[String]>([])

    public init(directory: String) throws {
        self.directory = directory
        if FileManager.default.fileExists(atPath: directory), !PrivateFile.isFolder(directory) {
            throw AishError.invalidArgument(
                name: "--output", value: directory, hint: "it is a file, not a folder; give a folder for the responses")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AishError.invalidArgument(
                name: "--output", value: directory,
                hint: "cannot create that folder (\(SystemErrorText.reason(error))); choose a folder you can write to")
        }
    }

    public func write(_ response: String, for id: String) {
        let path = (directory as NSString).appendingPathComponent(id + ".md")
        do {
            // Message content: readable by the user alone, like the session database.
            try PrivateFile.replaceAtomically(path, contents: Data(response.utf8))
        } catch {
            failures.withLock { $0.append("\(path) (\(SystemErrorText.reason(error)))") }
        }
    }

    public func reportFailures(to sink: FileDescriptorSink) {
        for failure in failures.withLock({ $0 }) {
            try? sink.write("aish: warning: could not write \(failure)\n")
        }
    }
}
