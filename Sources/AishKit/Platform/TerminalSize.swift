import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal's width in columns, followed across resizes (SIGWINCH).
public enum TerminalSize {
    /// Columns of the terminal on `fileDescriptor`, or 80 when it cannot be read.
    public static func columns(of fileDescriptor: Int32 = 1) -> Int {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// A width that follows resizes until `source` is cancelled.
    public static func following() -> (TerminalColumns, any DispatchSourceSignal) {
        let columns = TerminalColumns(Self.columns())
        // libedit also watches SIGWINCH while it reads a line; a dispatch source
        // does not take the signal away from it.
        let source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler { columns.resize(columns: Self.columns()) }
        source.resume()
        return (columns, source)
    }
}

extension TerminalSize {
    /// Rows of the terminal on `fileDescriptor`, or 24 when it cannot be read.
    public static func rows(of fileDescriptor: Int32 = 1) -> Int {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return 24 }
        return Int(size.ws_row)
    }
}
