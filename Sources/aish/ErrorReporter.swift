import AishKit
import ArgumentParser

/// Prints errors the way a user can act on them, and picks the exit status.
enum ErrorReporter {
    /// Writes `aish: error: …` to standard error and returns the exit code to use.
    /// With `json` (a command's `--json`) the failure is also written to standard
    /// output as one ``ErrorJSON`` object, unless it is there already.
    static func report(_ error: any Error, json: Bool = false) -> ExitCode {
        if let written = error as? WrittenAsJSON { return report(written.error) }
        if json, !(error is ExitCode), !(error is OutputClosedError) {
            _ = try? FileDescriptorSink.standardOutput.write(ErrorJSON(error).encoded() + "\n")
        }
        switch error {
        case let error as AishError:
            show("aish: error: \(error.description)")
            return ExitCode(error.exitCode)
        case let error as SessionStoreError:
            show("aish: error: \(error.description)")
            return ExitCode(error.exitCode)
        case let error as OutputClosedError:
            // A reader that went away (`aish … | head -1`) needs no message; a full disk does.
            if !error.readerWentAway { show("aish: error: \(error.description)") }
            return ExitCode(error.exitCode)
        case is CancellationError:
            return ExitCode(130)
        case let code as ExitCode:
            // Already reported (Ctrl-C said what it kept).
            return code
        default:
            show("aish: error: \(String(describing: error))")
            return ExitCode(1)
        }
    }

    /// Writes `line` to standard error; on a terminal wrapped at words to its width,
    /// so no word of an error is cut in two at the edge.
    private static func show(_ line: String) {
        let sink = FileDescriptorSink.standardError
        let text = sink.isTerminal ? WordWrap.text(line, width: TerminalSize.columns(of: sink.fileDescriptor)) : line
        try? sink.write(text + "\n")
    }
}
