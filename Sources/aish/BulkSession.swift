import AishKit
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// How `aish bulk` reports: the result JSON, JSON lines, or (on a terminal) a live view.
struct BulkOutputStyle {
    var json: Bool
    var jsonl: Bool
}

/// One run of a plan as the command presents it: the live view, `--jsonl` events,
/// `--output` files written as each operation ends, Ctrl-C, and the final output.
struct BulkSession: Sendable {
    let plan: BulkPlan
    let style: BulkOutputStyle
    let outputDirectory: String?

    private var stdout: FileDescriptorSink { .standardOutput }
    private var stderr: FileDescriptorSink { .standardError }

    init(plan: BulkPlan, style: BulkOutputStyle, outputDirectory: String?) {
        self.plan = plan
        self.style = style
        self.outputDirectory = outputDirectory
    }

    /// Whether standard output gets the live view and a summary (a terminal, no
    /// --json or --jsonl) rather than JSON.
    private var humanOutput: Bool { stdout.isTerminal && !style.json && !style.jsonl }

    private var colors: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Where the operations' lines go: standard output for human output (redrawn
    /// live unless the terminal is dumb), else standard error when that is a
    /// terminal and standard output is not (JSON to a file, the view to the user).
    private func makeDisplay() -> BulkLiveDisplay? {
        let dumb = ProcessInfo.processInfo.environment["TERM"] == "dumb"
        if humanOutput { return BulkLiveDisplay(plan: plan, sink: stdout, colors: colors, animated: !dumb) }
        guard !stdout.isTerminal, stderr.isTerminal, !dumb else { return nil }
        return BulkLiveDisplay(plan: plan, sink: stderr, colors: colors, animated: true)
    }

    /// Runs `work` (the local runner or the server call) with every output wired
    /// up; returns its result, or nil when Ctrl-C stopped a run that has no partial
    /// result (a server run).
    func run(
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
        let task = Task { try await work(onEvent) }
        let interrupts = InterruptWatch { task.cancel() }
        let outcome = await task.result
        interrupts.stop()
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

/// Ctrl-C during a run: the first cancels the run (its finished results are still
/// written); a second one ends aish at once.
final class InterruptWatch {
    private let source: any DispatchSourceSignal

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = LockedBox(0)
        source.setEventHandler {
            let seen = count.withLock { count -> Int in
                count += 1
                return count
            }
            if seen == 1 {
                onInterrupt()
            } else {
                try? FileDescriptorSink.standardError.write("\u{1B}[?25h")
                _exit(130)
            }
        }
        source.resume()
        self.source = source
    }

    func stop() {
        source.cancel()
    }
}

/// `--output DIR`: each successful response in `DIR/<id>.md`, written atomically as
/// soon as the operation ends, so an interrupted run keeps what it finished.
final class BulkResponseFiles: Sendable {
    let directory: String
    private let failures = LockedBox<[String]>([])

    init(directory: String) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AishError.invalidArgument(
                name: "--output", value: directory,
                hint: "cannot create that folder (\(Self.reason(error))); choose a folder you can write to")
        }
    }

    func write(_ response: String, for id: String) {
        let path = (directory as NSString).appendingPathComponent(id + ".md")
        do {
            try Data(response.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            failures.withLock { $0.append("\(path) (\(Self.reason(error)))") }
        }
    }

    func reportFailures(to sink: FileDescriptorSink) {
        for failure in failures.withLock({ $0 }) {
            try? sink.write("aish: warning: could not write \(failure)\n")
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
            underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error as NSError).localizedDescription
    }
}
