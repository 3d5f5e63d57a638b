import AishKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A line reader on the terminal's own line discipline: the prompt on standard
/// error, lines read from standard input, history appended to a 0600 file.
///
/// The libedit reader (editing keys, recall, completion) replaces it in the REPL
/// issue; libedit currently crashes when driven from a Swift concurrency thread.
final class PlainLineReader: LineReader {
    private let historyPath: String

    /// Appends remembered lines to the file at `historyPath`.
    init(historyPath: String) { self.historyPath = historyPath }

    func readLine(prompt: String) async -> LineInput {
        await withCheckedContinuation { continuation in
            Thread {
                try? FileDescriptorSink.standardError.write(prompt)
                guard let line = Swift.readLine(strippingNewline: true) else {
                    continuation.resume(returning: .endOfInput)
                    return
                }
                continuation.resume(returning: .line(line))
            }.start()
        }
    }

    func remember(_ line: String) {
        let directory = (historyPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let fd = open(historyPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        try? FileDescriptorSink(fileDescriptor: fd, isTerminal: false).write(line + "\n")
    }
}
