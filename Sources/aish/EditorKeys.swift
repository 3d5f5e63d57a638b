import AishKit
@preconcurrency import CLibEdit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// State the editor's C callbacks share with the reader. Only touched on the
/// reading thread while `el_gets` runs, except the completer, which is locked.
enum EditorState {
    nonisolated(unsafe) static var prompt: UnsafeMutablePointer<CChar>? = strdup("> ")
    nonisolated(unsafe) static var interrupted = false
    /// The terminal's settings when the shell started: what it is left with while aish
    /// is suspended.
    nonisolated(unsafe) static var terminalAtStart: termios?
    /// Text to hand back instead of the editor's line (from Ctrl-X Ctrl-E).
    nonisolated(unsafe) static var submitted: String?
    /// Multi-line pastes, shown in the line as placeholders.
    nonisolated(unsafe) static var pastes: [(placeholder: String, text: String)] = []
    static let completer = LockedBox(ShellCompleter(specialists: []))

    static func begin(prompt: String) {
        free(Self.prompt)
        Self.prompt = strdup(prompt)
        interrupted = false
        submitted = nil
        pastes = []
    }

    /// The line with each paste placeholder replaced by the text it stands for.
    static func expandPastes(in line: String) -> String {
        pastes.reduce(line) { $0.replacingOccurrences(of: $1.placeholder, with: $1.text) }
    }
}

/// What the bound keys do.
enum EditorKeys {
    /// Ctrl-Z: what the terminal's own would do, were it not turned off (ISIG) so that
    /// Ctrl-C is a key here. The terminal gets back the settings it had, the job stops,
    /// and once `fg` continues it the editor's settings return and the line is drawn
    /// afresh.
    ///
    /// This thread runs with SIGTSTP blocked and libedit has a handler for it, so the
    /// stop is raised here, unblocked and with the default action: `raise` returns only
    /// after the job has been continued.
    static func suspend() -> UInt8 {
        var editing = termios()
        let known = tcgetattr(0, &editing) == 0
        try? FileDescriptorSink.standardOutput.write("^Z\r\n")
        if var cooked = EditorState.terminalAtStart { tcsetattr(0, TCSADRAIN, &cooked) }
        let handler = signal(SIGTSTP, SIG_DFL)
        var stop = sigset_t()
        sigemptyset(&stop)
        sigaddset(&stop, SIGTSTP)
        var mask = sigset_t()
        pthread_sigmask(SIG_UNBLOCK, &stop, &mask)
        raise(SIGTSTP)
        pthread_sigmask(SIG_SETMASK, &mask, nil)
        signal(SIGTSTP, handler)
        if known { tcsetattr(0, TCSADRAIN, &editing) }
        return UInt8(CC_REDISPLAY)
    }

    /// Tab: complete the word before the cursor, or list the candidates.
    static func complete(_ editor: OpaquePointer) -> UInt8 {
        let before = textBeforeCursor(editor)
        let completion = EditorState.completer.withLock { $0 }.complete(before)
        switch completion.candidates.count {
        case 0:
            return UInt8(CC_REFRESH_BEEP)
        case 1:
            replaceWord(editor, length: completion.wordLength, with: completion.candidates[0] + " ")
            return UInt8(CC_REFRESH)
        default:
            let prefix = ShellCompleter.commonPrefix(completion.candidates)
            if prefix.count > completion.wordLength {
                replaceWord(editor, length: completion.wordLength, with: prefix)
                return UInt8(CC_REFRESH)
            }
            try? FileDescriptorSink.standardOutput.write("\n" + completion.candidates.joined(separator: "  ") + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    /// The start of a bracketed paste: read up to its end marker and insert it,
    /// a multi-line paste as one placeholder, so it is sent as one message.
    static func paste(_ editor: OpaquePointer) -> UInt8 {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < 16 << 20, read(0, &byte, 1) == 1 {
            bytes.append(byte)
            if bytes.count >= BracketedPaste.end.count,
                bytes.suffix(BracketedPaste.end.count).elementsEqual(BracketedPaste.end)
            {
                bytes.removeLast(BracketedPaste.end.count)
                break
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        guard text.contains("\n") else {
            el_insertstr(editor, text)
            return UInt8(CC_REFRESH)
        }
        // A paste that ends with a newline has no line after it.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
        let placeholder = "[pasted \(lines) lines #\(EditorState.pastes.count + 1)]"
        EditorState.pastes.append((placeholder, text))
        el_insertstr(editor, placeholder)
        return UInt8(CC_REFRESH)
    }

    /// Ctrl-X Ctrl-E: edit the line in $EDITOR and send what comes back.
    static func compose(_ editor: OpaquePointer) -> UInt8 {
        let current = EditorState.expandPastes(in: wholeLine(editor))
        try? FileDescriptorSink.standardOutput.write("\n")
        do {
            let text = try ExternalEditor(environment: Platform.process.environment).compose(current)
            guard !text.allSatisfy(\.isWhitespace) else { return UInt8(CC_REDISPLAY) }
            EditorState.submitted = text.hasSuffix("\n") ? String(text.dropLast()) : text
            return UInt8(CC_NEWLINE)
        } catch {
            try? FileDescriptorSink.standardError.write("aish: \(error.description)\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    private static func textBeforeCursor(_ editor: OpaquePointer) -> String {
        guard let info = el_line(editor)?.pointee, let start = info.buffer, let cursor = info.cursor else { return "" }
        return text(from: start, to: cursor)
    }

    private static func wholeLine(_ editor: OpaquePointer) -> String {
        guard let info = el_line(editor)?.pointee, let start = info.buffer, let end = info.lastchar else { return "" }
        return text(from: start, to: end)
    }

    private static func text(from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>) -> String {
        let count = end - start
        guard count > 0 else { return "" }
        return start.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    private static func replaceWord(_ editor: OpaquePointer, length: Int, with text: String) {
        if length > 0 { el_deletestr(editor, Int32(length)) }
        el_insertstr(editor, text)
    }
}
