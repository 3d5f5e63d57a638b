import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place aish handles SIGINT (Ctrl-C), SIGTERM and SIGHUP. From
/// ``install(whenNobodyWaits:)`` until ``restoreDefault()`` each of them wakes whoever
/// waits on ``signal`` (a streaming reply stops and is saved, a bulk run is
/// cancelled and keeps its finished results). What a SIGINT that nobody waits for
/// does is the caller's choice: a one-shot command exits with 130 as if no handler
/// were there, the shell ignores a stray Ctrl-C between replies. SIGTERM and SIGHUP
/// end the process: at once when nothing is in flight, else once what was received
/// is saved, with ``status(_:)`` giving 143 or 129.
public enum ProcessInterrupts {
    /// What a SIGINT that nobody waits for does.
    public enum Unheard: Sendable {
        /// Exit at once with status 130, as the default action would (but cleanly).
        case exit
        /// Nothing: the shell's line editor reads Ctrl-C as a key of its own.
        case ignore
    }

    /// What waits for the signals.
    public static let signal = InterruptSignal()

    /// The signals caught.
    private static let numbers: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The dispatch sources that catch the signals; touched only under the lock.
    private final class Handler: @unchecked Sendable {
        let sources: [any DispatchSourceSignal]
        init(_ sources: [any DispatchSourceSignal]) { self.sources = sources }
    }

    private static let handler = Mutex<Handler?>(nil)

    /// Catches the signals from now on; calling it again changes only `unheard`.
    public static func install(whenNobodyWaits unheard: Unheard) {
        handler.withLock { current in
            for source in current?.sources ?? [] { source.cancel() }
            let sources = numbers.map { number in
                signal_ignore(number)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    let status = 128 + number
                    let ends = number != SIGINT
                    // The keys typed ahead of a Ctrl-C go, as a terminal without NOFLSH
                    // (the shell's while a reply streams) drops them; only in the
                    // terminal's foreground, where flushing cannot stop aish (SIGTTOU).
                    if number == SIGINT, isatty(0) == 1, tcgetpgrp(0) == getpgrp() { tcflush(0, TCIFLUSH) }
                    if !Self.signal.interrupt(terminating: ends ? status : nil), ends || unheard == .exit {
                        // Show the cursor again in case a live view hid it.
                        if isatty(2) == 1 { _ = "\u{1B}[?25h".withCString { write(2, $0, 6) } }
                        _exit(status)
                    }
                }
                source.resume()
                return source
            }
            current = Handler(sources)
        }
    }

    /// Gives the signals back their default action (end the process).
    public static func restoreDefault() {
        handler.withLock { current in
            for source in current?.sources ?? [] { source.cancel() }
            current = nil
            for number in numbers { signal_default(number) }
        }
    }

    /// The exit status for a run that ended with `status`: a run stopped by SIGTERM
    /// or SIGHUP (130, as for Ctrl-C) exits with that signal's status instead.
    public static func status(_ status: Int32) -> Int32 {
        guard status == 130, let termination = signal.termination else { return status }
        return termination
    }
}

private func signal_ignore(_ number: Int32) { _ = signal(number, SIG_IGN) }
private func signal_default(_ number: Int32) { _ = signal(number, SIG_DFL) }
