import Dispatch
import Synchronization

/// The handshake between the bench and the scripted server for one streamed reply:
/// the server writes `start`, the bench says go, the server notes t0 and writes the
/// first token, the bench says finish, the server writes `done`.
final class StreamGate: Sendable {
    private let startWritten = DispatchSemaphore(value: 0)
    private let goSignal = DispatchSemaphore(value: 0)
    private let finishSignal = DispatchSemaphore(value: 0)
    private let firstTokenWrite = Mutex<ContinuousClock.Instant?>(nil)

    // The server's side.

    func serverWroteStart() { startWritten.signal() }
    func serverAwaitsGo() -> Bool { goSignal.wait(timeout: .now() + .seconds(30)) == .success }
    /// Notes t0: called right before the first content event's bytes are written.
    func serverWritesFirstToken() { firstTokenWrite.withLock { $0 = ContinuousClock.now } }
    func serverAwaitsFinish() -> Bool { finishSignal.wait(timeout: .now() + .seconds(30)) == .success }

    // The bench's side.

    /// Waits until the server wrote the `start` event; false after `seconds`.
    func awaitStart(seconds: Int) -> Bool { startWritten.wait(timeout: .now() + .seconds(seconds)) == .success }
    func go() { goSignal.signal() }
    func finish() { finishSignal.signal() }
    /// t0, once the server began writing the first token.
    var firstTokenWrittenAt: ContinuousClock.Instant? { firstTokenWrite.withLock { $0 } }
}
