#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file a user named, never more than a limit: a device such as
/// `/dev/zero` is refused before it is opened, and a pipe or a growing file is
/// cut off at the limit instead of filling memory.
public enum BoundedFile {
    /// The bytes of the file at `path`: a regular file, or a pipe (`<(command)`).
    ///
    /// - Throws: ``BoundedFileError`` saying what is wrong with the path.
    public static func read(path: String, limit: Int) throws(BoundedFileError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missing(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: break
        case S_IFDIR: throw .directory(path: path)
        case S_IFCHR: throw .notRegularFile(path: path, kind: "a character device")
        case S_IFBLK: throw .notRegularFile(path: path, kind: "a block device")
        case S_IFSOCK: throw .notRegularFile(path: path, kind: "a socket")
        default: throw .notRegularFile(path: path, kind: "not a file")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try read(descriptor: descriptor, name: path, limit: limit)
    }

    /// The bytes readable from `descriptor` up to its end; `name` is what errors call it.
    ///
    /// - Throws: ``BoundedFileError/tooLarge(path:limit:)`` past `limit` bytes,
    ///   ``BoundedFileError/unreadable(path:reason:)`` when a read fails.
    public static func read(descriptor: Int32, name: String, limit: Int) throws(BoundedFileError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { readSome(descriptor, $0) }
            if count == 0 { return bytes }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw .unreadable(path: name, reason: String(cString: strerror(errno)))
            }
            guard bytes.count + count <= limit else { throw .tooLarge(path: name, limit: limit) }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}

/// One `read(2)`: the bytes read, 0 at the end, -1 on failure (`errno` says why).
private func readSome(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    #if canImport(Glibc)
        Glibc.read(descriptor, buffer.baseAddress, buffer.count)
    #elseif canImport(Musl)
        Musl.read(descriptor, buffer.baseAddress, buffer.count)
    #else
        Darwin.read(descriptor, buffer.baseAddress, buffer.count)
    #endif
}

/// Why a file named by a user could not be read; the description names the path
/// and says what to give instead.
public enum BoundedFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(path: String)
    case directory(path: String)
    /// A device or a socket: `kind` says which.
    case notRegularFile(path: String, kind: String)
    case tooLarge(path: String, limit: Int)
    case unreadable(path: String, reason: String)

    /// What is wrong, without the path: `no such file`, `it is larger than 128 MiB`.
    public var reason: String {
        switch self {
        case .missing: "no such file"
        case .directory: "it is a directory"
        case .notRegularFile(_, let kind): "it is not a regular file but \(kind)"
        case .tooLarge(_, let limit): "it is larger than \(Self.size(limit)), the most aish reads"
        case .unreadable(_, let reason): reason
        }
    }

    public var description: String {
        switch self {
        case .missing(let path), .directory(let path), .notRegularFile(let path, _), .tooLarge(let path, _),
            .unreadable(let path, _):
            "cannot read '\(path)' (\(reason))"
        }
    }

    private static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
