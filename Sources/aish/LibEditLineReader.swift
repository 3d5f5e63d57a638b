import AishKit
@preconcurrency import CLibEdit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The shell's line editor: libedit, with emacs keys, a history file, Tab
/// completion, Ctrl-C that discards the line, bracketed paste and Ctrl-X Ctrl-E.
///
/// libedit is not thread-safe and `el_gets` blocks, so every call runs on one
/// thread at a time (a lock), off the Swift concurrency pool; the shell awaits it.
/// Key functions are C callbacks that cannot capture, so their state is static:
/// there is one editor per process.
final class LibEditLineReader: LineReader, @unchecked Sendable {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    /// Where the history is kept; nil keeps it for this shell only (`--no-save`).
    private let historyPath: String?
    private let lock = NSLock()
    /// The terminal as it was when the shell started, restored when it ends.
    private let original: termios?
    /// Whether libedit converts with UTF-8 (``TerminalCharacters``).
    private let speaksUTF8: Bool

    /// Opens the editor on the terminal and loads the history at `historyPath`
    /// (none: nothing is read or written), keeping at most `historySize` lines.
    init?(historyPath: String?, historySize: Int32 = 1000) {
        speaksUTF8 = TerminalCharacters.chooseUTF8()
        var settings = termios()
        original = tcgetattr(0, &settings) == 0 ? settings : nil
        EditorState.terminalAtStart = original
        guard let editor = aish_el_init("aish"), let history = history_init() else { return nil }
        self.editor = editor
        self.history = history
        self.historyPath = historyPath
        var event = HistEvent()
        aish_history_setsize(history, &event, historySize)
        aish_history_setunique(history, &event, 1)
        aish_el_set_hist(editor, history)
        aish_el_set_editor(editor, "emacs")
        aish_el_set_signal_handling(editor, 1)  // follows terminal resizes
        aish_el_set_prompt(editor) { _ in EditorState.prompt }
        aish_el_setty_no_isig(editor)
        Self.bind(editor, key: "^C", name: "aish-interrupt", help: "discard the line") { _, _ in
            EditorState.interrupted = true
            // A key function's CC_NEWLINE moves nowhere by itself; end the line as a shell does.
            try? FileDescriptorSink.standardOutput.write("^C\r\n")
            return UInt8(CC_NEWLINE)
        }
        Self.bind(editor, key: "^Z", name: "aish-suspend", help: "suspend aish; fg resumes") { _, _ in
            EditorKeys.suspend()
        }
        Self.bind(editor, key: "^I", name: "aish-complete", help: "complete the word") { editor, _ in
            guard let editor else { return UInt8(CC_ERROR) }
            return EditorKeys.complete(editor)
        }
        Self.bind(editor, key: "\\e[200~", name: "aish-paste", help: "bracketed paste") { editor, _ in
            guard let editor else { return UInt8(CC_ERROR) }
            return EditorKeys.paste(editor)
        }
        Self.bind(editor, key: "^X^E", name: "aish-edit", help: "compose in $EDITOR") { editor, _ in
            guard let editor else { return UInt8(CC_ERROR) }
            return EditorKeys.compose(editor)
        }
        el_source(editor, nil)  // the user's ~/.editrc, if any
        if let historyPath {
            HistoryFile.prepare(historyPath)
            aish_history_load(history, &event, historyPath)
        }
    }

    deinit {
        history_end(history)
        el_end(editor)
        try? FileDescriptorSink.standardOutput.write(BracketedPaste.disable)
        if var original { tcsetattr(0, TCSANOW, &original) }
    }

    private static func bind(
        _ editor: OpaquePointer, key: String, name: String, help: String,
        _ function: @convention(c) (OpaquePointer?, Int32) -> UInt8
    ) {
        aish_el_addfn(editor, name, help, function)
        aish_el_bind(editor, key, name)
    }

    func readLine(prompt: String) async -> LineInput {
        await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                continuation.resume(returning: readBlocking(prompt: prompt))
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    private func readBlocking(prompt: String) -> LineInput {
        lock.lock()
        defer { lock.unlock() }
        EditorState.begin(prompt: TerminalCharacters.displayable(prompt, utf8: speaksUTF8))
        Self.leaveCookedMode()
        try? FileDescriptorSink.standardOutput.write(BracketedPaste.enable)
        var count: Int32 = 0
        let raw = el_gets(editor, &count)
        // Until the next prompt (while a reply streams) keys are not echoed into the
        // reply; they wait, and a paste keeps its markers, so it is one message at the
        // next prompt. Ctrl-C stays a signal that stops the reply.
        Self.holdTypeahead()
        if EditorState.interrupted { return .interrupted }
        if let submitted = EditorState.submitted { return .line(submitted) }
        guard let raw, count > 0 else {
            try? FileDescriptorSink.standardOutput.write("\n")
            return .endOfInput
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(EditorState.expandPastes(in: line))
    }

    /// Turns off line buffering, echo and signal keys before libedit starts. libedit
    /// switches the terminal itself, but only once no typed-ahead input is pending;
    /// keys typed in that gap would otherwise meet the cooked terminal, where Ctrl-C
    /// is a signal that also flushes the line. libedit restores the cooked settings
    /// it saw at start-up when the line is done.
    private static func leaveCookedMode() {
        var settings = termios()
        guard tcgetattr(0, &settings) == 0 else { return }
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        tcsetattr(0, TCSANOW, &settings)
    }

    /// Echo off, line buffering and signal keys on: the terminal while no line is read.
    /// NOFLSH: Ctrl-C does not make the terminal drop the reply text still on its way
    /// to the screen (the last words shown would be fewer than those kept); the keys
    /// typed ahead go as they would have (``ProcessInterrupts``).
    private static func holdTypeahead() {
        var settings = termios()
        guard tcgetattr(0, &settings) == 0 else { return }
        settings.c_lflag &= ~tcflag_t(ECHO)
        settings.c_lflag |= tcflag_t(ICANON | ISIG | NOFLSH)
        tcsetattr(0, TCSANOW, &settings)
    }

    func remember(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        var event = HistEvent()
        aish_history_enter(history, &event, line)
        // Saved after every line, so a killed shell keeps its history.
        guard let historyPath else { return }
        aish_history_save(history, &event, historyPath)
        chmod(historyPath, 0o600)
    }

    func useCompleter(_ completer: ShellCompleter) {
        EditorState.completer.withLock { $0 = completer }
    }
}

/// The history file: its folder exists and the file is created 0600 before
/// libedit writes to it, as lines may hold secrets.
enum HistoryFile {
    static func prepare(_ path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 { close(fd) }
        chmod(path, 0o600)
    }
}

/// Escape sequences that make the terminal mark pasted text.
enum BracketedPaste {
    static let enable = "\u{1B}[?2004h"
    static let disable = "\u{1B}[?2004l"
    static let end: [UInt8] = Array("\u{1B}[201~".utf8)
}
