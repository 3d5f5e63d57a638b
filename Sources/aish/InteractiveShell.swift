import AishKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts the interactive shell on the terminal.
enum InteractiveShell {
    /// Whether both ends are a terminal, so a shell makes sense.
    static var isPossible: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// `$XDG_STATE_HOME/aish/history`, by default `~/.local/state/aish/history`.
    static var historyPath: String {
        let environment = ProcessInfo.processInfo.environment
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
        return (state as NSString).appendingPathComponent("aish/history")
    }

    static func run(
        client: TektonClient, specialist: String?, forcedTransport: TransportKind?, colors: Bool,
        store: (any SessionStore)?, resume: String?, discoveryCache: any DiscoveryCache, historySize: Int? = nil
    ) async throws {
        guard let reader = LibEditLineReader(historyPath: historyPath, historySize: Int32(historySize ?? 1000)) else {
            throw AishError.invalidArgument(
                name: "TERM", value: ProcessInfo.processInfo.environment["TERM"] ?? "",
                hint: "the line editor cannot start on this terminal; pipe a message in instead")
        }
        let interrupts = InterruptSignal()
        // Ctrl-C outside the line editor (while a reply streams) stops the reply, not aish.
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { interrupts.interrupt() }
        source.resume()
        defer { source.cancel() }
        let (columns, resizes) = TerminalSize.following()
        defer { resizes.cancel() }
        let context = Shell.Context(
            client: client,
            reader: reader,
            output: FileDescriptorSink.standardOutput,
            status: FileDescriptorSink.standardError,
            interrupts: interrupts,
            forcedTransport: forcedTransport,
            colors: colors,
            editor: ExternalEditor(),
            renderer: colors ? MarkdownStreamRenderer(columns: columns) : nil,
            store: store,
            discoveryCache: discoveryCache
        )
        var shell = try await Shell.start(context, specialist: specialist)
        await shell.run(resuming: resume)
    }
}
