import AishKit
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal whose master side a thread of its own drains, so writes to the
/// slave side cost what they cost on a real terminal (the line discipline runs:
/// `onlcr` turns each `\n` into `\r\n`).
final class PseudoTerminal: Sendable {
    /// The slave side, where output is written, as a terminal.
    let sink: FileDescriptorSink
    private let master: Int32
    private let slave: Int32
    /// Whether the line discipline adds a `\r` before each `\n`.
    let addsCarriageReturns: Bool
    private let drained = Mutex<(read: Int, target: Int?)>((0, nil))
    private let reached = DispatchSemaphore(value: 0)

    /// Opens a pseudo-terminal `columns` wide and starts draining it.
    init(columns: UInt16, rows: UInt16 = 50) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw BenchError.system("openpty") }
        var settings = termios()
        tcgetattr(slave, &settings)
        addsCarriageReturns = settings.c_oflag & tcflag_t(OPOST) != 0 && settings.c_oflag & tcflag_t(ONLCR) != 0
        self.master = master
        self.slave = slave
        sink = FileDescriptorSink(fileDescriptor: slave, isTerminal: true)
        let thread = Thread { [self] in drain() }
        thread.start()
    }

    /// The bytes the master side reads for `text` written to the slave side.
    func bytesRead(for text: String) -> Int {
        var count = text.utf8.count
        if addsCarriageReturns { count += text.utf8.lazy.filter { $0 == 0x0A }.count }
        return count
    }

    /// Waits until the master side has read `total` bytes since the start; false
    /// after `seconds`.
    func waitUntilRead(_ total: Int, seconds: Int = 30) -> Bool {
        let done = drained.withLock { state in
            if state.read >= total { return true }
            state.target = total
            return false
        }
        return done || reached.wait(timeout: .now() + .seconds(seconds)) == .success
    }

    /// Closes the slave side; the draining thread then reads EIO, closes the master
    /// side and ends.
    func close() {
        closeDescriptor(slave)
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return closeDescriptor(master) }
            let signal = drained.withLock { state in
                state.read += count
                guard let target = state.target, state.read >= target else { return false }
                state.target = nil
                return true
            }
            if signal { reached.signal() }
        }
    }
}

// `close` is shadowed inside the class by `close()`.
private func closeDescriptor(_ descriptor: Int32) {
    close(descriptor)
}
