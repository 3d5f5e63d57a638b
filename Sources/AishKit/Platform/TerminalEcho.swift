#if canImport(Glibc)
    import Glibc
#endif

/// Keys typed at a terminal, kept off the screen while a live view redraws in
/// place: the terminal's echo of a key (`^C` among them) would move the cursor
/// under the view, and the next redraw would start a row too low.
///
/// ```swift
/// let echo = TerminalEcho.silence()   // no-op unless standard input is a terminal
/// defer { echo.restore() }
/// ```
public struct TerminalEcho: Sendable {
    private let fileDescriptor: Int32
    /// The local modes before ``silence(_:)``, or nil when nothing was changed.
    private let saved: tcflag_t?

    /// Turns the echo off on `fileDescriptor` if it is a terminal with echo on.
    public static func silence(_ fileDescriptor: Int32 = 0) -> TerminalEcho {
        var settings = termios()
        guard isatty(fileDescriptor) == 1, tcgetattr(fileDescriptor, &settings) == 0,
            settings.c_lflag & tcflag_t(ECHO) != 0
        else { return TerminalEcho(fileDescriptor: fileDescriptor, saved: nil) }
        let saved = settings.c_lflag
        settings.c_lflag &= ~tcflag_t(ECHO)
        guard tcsetattr(fileDescriptor, TCSANOW, &settings) == 0 else {
            return TerminalEcho(fileDescriptor: fileDescriptor, saved: nil)
        }
        return TerminalEcho(fileDescriptor: fileDescriptor, saved: saved)
    }

    /// Puts the echo back as it was (nothing if ``silence(_:)`` changed nothing).
    public func restore() {
        guard let saved else { return }
        var settings = termios()
        guard tcgetattr(fileDescriptor, &settings) == 0 else { return }
        settings.c_lflag = saved
        tcsetattr(fileDescriptor, TCSANOW, &settings)
    }
}
