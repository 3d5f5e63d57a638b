import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place aish handles SIGINT (Ctrl-C). From ``install(whenNobodyWaits:)``
/// until ``restoreDefault()`` every SIGINT wakes whoever waits on ``signal`` (a
/// streaming reply stops, a bulk run is cancelled); what happens to one that
/// nobody waits for is the caller's choice: a one-shot command exits with 130 as if
/// no handler were there, the shell ignores a stray Ctrl-C between replies.
public enum ProcessInterrupts {
    /// What a SIGINT that nobody waits for does.
    public enum Unheard: Sendable {
        /// Exit at once with status 130, as the default action would (but cleanly).
        case exit
        /// Nothing: the shell's line editor reads Ctrl-C as a key of its own.
        case ignore
    }

    /// What waits for Ctrl-C.
    public static let signal = InterruptSignal()

    /// The dispatch source that catches SIGINT; touched only under the lock.
    private final class Handler: @unchecked Sendable {
        let source: any DispatchSourceSignal
        init(_ source: any DispatchSourceSignal) { self.source = source }
    }

    private static let handler = Mutex<Handler?>(nil)

    /// Catches SIGINT from now on; calling it again changes only `unheard`.
    public static func install(whenNobodyWaits unheard: Unheard) {
        handler.withLock { current in
            current?.source.cancel()
            signal_ignore(SIGINT)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler {
                if !Self.signal.interrupt(), unheard == .exit {
                    // Show the cursor again in case a live view hid it.
                    if isatty(2) == 1 { _ = "\u{1B}[?25h".withCString { write(2, $0, 6) } }
                    _exit(130)
                }
            }
            source.resume()
            current = Handler(source)
        }
    }

    /// Gives SIGINT back its default action (end the process).
    public static func restoreDefault() {
        handler.withLock { current in
            current?.source.cancel()
            current = nil
            signal_default(SIGINT)
        }
    }
}

private func signal_ignore(_ number: Int32) { _ = signal(number, SIG_IGN) }
private func signal_default(_ number: Int32) { _ = signal(number, SIG_DFL) }
