import AishKit
import ArgumentParser

/// Prints errors the way a user can act on them, and picks the exit status.
enum ErrorReporter {
    /// Writes `aish: error: …` to standard error and returns the exit code to use.
    /// With `json` (a command's `--json`) the failure is also written to standard
    /// output as one ``ErrorJSON`` object, unless it is there already.
    static func report(_ error: any Error, json: Bool = false) -> ExitCode {
        let sink = FileDescriptorSink.standardError
        if let written = error as? WrittenAsJSON { return report(written.error) }
        if json, !(error is ExitCode), !(error is OutputClosedError) {
            _ = try? FileDescriptorSink.standardOutput.write(ErrorJSON(error).encoded() + "\n")
        }
        switch error {
        case let error as AishError:
            try? sink.write("aish: error: \(error.description)\n")
            return ExitCode(error.exitCode)
        case let error as SessionStoreError:
            try? sink.write("aish: error: \(error.description)\n")
            return ExitCode(error.exitCode)
        case let error as OutputClosedError:
            // A reader that went away (`aish … | head -1`) needs no message; a full disk does.
            if !error.readerWentAway { try? sink.write("aish: error: \(error.description)\n") }
            return ExitCode(error.exitCode)
        case is CancellationError:
            return ExitCode(130)
        case let code as ExitCode:
            // Already reported (Ctrl-C said what it kept).
            return code
        default:
            try? sink.write("aish: error: \(String(describing: error))\n")
            return ExitCode(1)
        }
    }
}
