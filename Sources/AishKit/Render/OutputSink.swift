import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Somewhere text goes: standard output, standard error, or memory in tests.
public protocol OutputSink: Sendable {
    /// Whether the other end is a terminal (decides spinners, colours, newlines).
    var isTerminal: Bool { get }
    /// Writes `text` now, without buffering.
    func write(_ text: String) throws
}

/// The other end of an output closed (a pipe reader went away), or writing to it
/// failed (the disk is full, an I/O error).
public struct OutputClosedError: Error, Sendable, CustomStringConvertible {
    /// The `errno` of the failed write.
    public var code: Int32

    public init(code: Int32) { self.code = code }

    /// Whether the reader went away (`aish … | head -1`): nothing to say about that.
    public var readerWentAway: Bool { code == EPIPE }

    public var description: String {
        let reason = String(cString: strerror(code))
        return code == ENOSPC
            ? "cannot write the output (\(reason)); free some space on that disk, or send the output elsewhere"
            : "cannot write the output (\(reason)); check where standard output goes"
    }

    /// 1 when the reader went away (as `cat` does), else 74 (`EX_IOERR`).
    public var exitCode: Int32 { readerWentAway ? 1 : 74 }
}

/// A file descriptor such as standard output. Writes go straight to `write(2)`, so
/// tokens reach the screen the moment they arrive.
public struct FileDescriptorSink: OutputSink {
    public let fileDescriptor: Int32
    public let isTerminal: Bool
    /// For standard output and standard error when both go to one file or pipe:
    /// where they meet (``StandardLine``).
    private let line: StandardLine?

    /// Wraps `fileDescriptor`; `isTerminal` defaults to what `isatty(3)` says.
    public init(fileDescriptor: Int32, isTerminal: Bool? = nil) {
        self.fileDescriptor = fileDescriptor
        self.isTerminal = isTerminal ?? (isatty(fileDescriptor) == 1)
        self.line = nil
    }

    private init(standard fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        self.isTerminal = isatty(fileDescriptor) == 1
        self.line = StandardLine.shared
    }

    public static let standardOutput = FileDescriptorSink(standard: 1)
    /// Standard error; when it goes where standard output goes, a line written here
    /// starts on a line of its own even if the reply's text left one unfinished.
    public static let standardError = FileDescriptorSink(standard: 2)

    public func write(_ text: String) throws {
        guard let line else { return try writeAll(text) }
        if fileDescriptor == 1 {
            try writeAll(text)
            line.wroteOutput(text)
        } else {
            try writeAll(line.statusLine(text))
        }
    }

    private func writeAll(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = unistd_write(fileDescriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw OutputClosedError(code: errno)
                }
                offset += written
            }
        }
    }
}

// `write` is shadowed inside the struct by `write(_:)`.
private func unistd_write(_ fd: Int32, _ buffer: UnsafePointer<UInt8>?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// Collects what is written, for tests.
public final class MemorySink: OutputSink {
    private let storage = Mutex("")
    public let isTerminal: Bool

    /// A sink that pretends to be a terminal when `isTerminal` is true.
    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    public func write(_ text: String) throws { storage.withLock { $0 += text } }

    /// Everything written so far.
    public var text: String { storage.withLock { $0 } }
}
