import AishKit
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `aish` binary on a pseudo-terminal: the child gets the slave side as its
/// controlling terminal (so Ctrl-C is a real SIGINT and libedit sees a real tty);
/// the test types on the master side and reads what the terminal shows.
final class PseudoTerminal: @unchecked Sendable {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var screen: String
        var description: String {
            "timed out waiting for \(waitingFor.debugDescription); the terminal shows:\n\(screen)"
        }
    }

    private let process: SpawnedProcess
    var pid: pid_t { process.pid }
    private let master: Int32
    private let size: winsize
    private let condition = NSCondition()
    private var output = Data()
    /// Resizes so far: the output read before each, and the new width.
    private var resizes: [(offset: Int, columns: Int)] = []
    private var exitStatus: Int32?

    /// Starts `aish arguments…` (or `program arguments…`) on a new terminal of
    /// `columns` × `rows`, with `environment` added to ours and the variables named in
    /// `unsetting` removed.
    init(
        _ arguments: [String], program: String = AishProcess.binary.path, environment: [String: String] = [:],
        unsetting: [String] = [], columns: UInt16 = 100, rows: UInt16 = 30
    ) throws {
        var masterFD: Int32 = -1
        var slaveFD: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&masterFD, &slaveFD, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        // ttyname_r, not ttyname: tests open terminals in parallel, and ttyname's
        // shared buffer would hand one test another test's terminal.
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slaveFD, &name, name.count) == 0 else { throw POSIXError(.ENOTTY) }
        let slaveName = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        close(slaveFD)
        _ = fcntl(masterFD, F_SETFD, FD_CLOEXEC)
        master = masterFD
        self.size = size

        var env = ProcessInfo.processInfo.environment
        env["AISH_URL"] = nil
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm-256color"
        // Sessions go to a folder of the test run's, never to the user's home.
        for (key, value) in SessionSandbox.shared.environment { env[key] = value }
        for (key, value) in environment { env[key] = value }
        for name in unsetting { env[name] = nil }
        // A new session, so the terminal opened as standard input becomes the
        // child's controlling one.
        do {
            process = try SpawnedProcess.spawn(
                program, arguments, environment: env, input: .file(slaveName, flags: O_RDWR),
                output: .sameAs(0), errors: .sameAs(0), newSession: true)
        } catch {
            close(masterFD)
            throw error
        }
        Thread { [self] in readUntilExit() }.start()
    }

    deinit { close(master) }

    private func readUntilExit() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count <= 0 { break }  // EIO once the child and its terminal are gone
            condition.lock()
            output.append(contentsOf: buffer[0..<count])
            condition.broadcast()
            condition.unlock()
        }
        let status = process.wait()
        condition.lock()
        exitStatus = status
        condition.broadcast()
        condition.unlock()
    }

    /// Types `text` (use "\r" for Enter, "\u{03}" for Ctrl-C, "\u{04}" for Ctrl-D).
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// What the terminal shows (and what scrolled off above), as a VT100 would.
    var screen: String {
        condition.lock()
        defer { condition.unlock() }
        return render(output)
    }

    private func render(_ data: Data) -> String {
        var model = ScreenModel(columns: Int(size.ws_col), rows: Int(size.ws_row))
        var start = 0
        for resize in resizes {
            model.feed(String(decoding: data[start..<resize.offset], as: UTF8.self))
            model.resize(columns: resize.columns)
            start = resize.offset
        }
        model.feed(String(decoding: data[start...], as: UTF8.self))
        return model.text
    }

    /// Makes the terminal `columns` wide (the child gets SIGWINCH); what it shows
    /// from then on is drawn at the new width.
    func resize(columns: UInt16) {
        var size = self.size
        size.ws_col = columns
        condition.lock()
        resizes.append((output.count, Int(columns)))
        condition.unlock()
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// The terminal's local modes (`c_lflag`: ISIG, NOFLSH…) as the child set them.
    var localModes: tcflag_t {
        var settings = termios()
        _ = tcgetattr(master, &settings)
        return settings.c_lflag
    }

    /// Everything the terminal has shown, escape sequences included.
    var rawScreen: String {
        condition.lock()
        defer { condition.unlock() }
        return String(decoding: output, as: UTF8.self)
    }

    /// Waits until the terminal has shown `text` `occurrences` times in all.
    @discardableResult
    func waitFor(_ text: String, occurrences: Int = 1, timeout: Double = 30) async throws -> String {
        try await waitUntil(description: text, timeout: timeout) {
            $0.components(separatedBy: text).count > occurrences
        }
    }

    /// Waits for the process to end and returns its exit status (128+N for signal N).
    func waitForExit(timeout: Double = 30) async throws -> Int32 {
        _ = try await waitUntil(description: "exit", timeout: timeout) { [self] _ in exitStatus != nil }
        return currentExitStatus() ?? -1
    }

    private func currentExitStatus() -> Int32? {
        condition.lock()
        defer { condition.unlock() }
        return exitStatus
    }

    private func waitUntil(description: String, timeout: Double, _ done: @escaping @Sendable (String) -> Bool)
        async throws -> String
    {
        try await withCheckedThrowingContinuation { continuation in
            Thread { [self] in
                let deadline = Date().addingTimeInterval(timeout)
                condition.lock()
                var text = render(output)
                while !done(text), Date() < deadline {
                    _ = condition.wait(until: deadline)
                    text = render(output)
                }
                let satisfied = done(text)
                condition.unlock()
                if satisfied {
                    continuation.resume(returning: text)
                } else {
                    let tail = String(decoding: output.suffix(400), as: UTF8.self).debugDescription
                    continuation.resume(
                        throwing: Timeout(waitingFor: description, screen: text + "\nlast bytes: " + tail))
                }
            }.start()
        }
    }

    /// Sends `signal` to the child.
    func signal(_ signal: Int32) { kill(pid, signal) }
}

extension PseudoTerminal {
    /// The screen's lines, and where a reasoning model's thinking begins (`Thinking…`)
    /// and ends (`…done thinking.`) among them; fails the test when it is not there.
    func thinkingBlock() throws -> (lines: [String], start: Int, end: Int) {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "Thinking…"), "\(screen)")
        let end = try #require(lines.firstIndex(of: "…done thinking."), "\(screen)")
        #expect(start < end)
        return (lines, start, end)
    }
}
