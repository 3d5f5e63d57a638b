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

    /// Columns of the terminal aish writes to: standard output's, else standard
    /// error's (a reply piped on while notes and a model's thinking still reach the
    /// terminal), else 80.
    static func columnsOfOutput() -> Int {
        columns(of: isatty(1) == 0 && isatty(2) != 0 ? 2 : 1)
    }

    /// A width (``columnsOfOutput()``) that follows resizes until `source` is cancelled.
    public static func following() -> (TerminalColumns, any DispatchSourceSignal) {
        let columns = TerminalColumns(Self.columnsOfOutput())
        // libedit also watches SIGWINCH while it reads a line; a dispatch source
        // does not take the signal away from it.
        let source = DispatchSource.makeSignalSource(signal: SIGWINCH, queue: .global())
        source.setEventHandler { columns.resize(columns: Self.columnsOfOutput()) }
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
