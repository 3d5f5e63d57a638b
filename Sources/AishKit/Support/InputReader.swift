#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor to its end with `read(2)`, whose failures are errors
/// (Foundation's `FileHandle` traps on a closed descriptor or a directory), and
/// stops at a limit so that an endless input (`yes | aish …`) cannot fill memory.
public enum InputReader {
    /// Up to `limit` bytes of `fileDescriptor`: all of it when shorter. A caller that
    /// gets `limit` bytes knows the input was at least that long.
    ///
    /// - Throws: ``AishError/invalidArgument(name:value:hint:)`` naming `name` when
    ///   the descriptor cannot be read (closed, a directory).
    public static func read(fileDescriptor: Int32, name: String, limit: Int) throws(AishError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let count = chunk.withUnsafeMutableBytes { systemRead(fileDescriptor, $0.baseAddress, wanted) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw AishError.invalidArgument(
                    name: name, value: String(cString: strerror(errno)),
                    hint: "it cannot be read; pipe text in, or give the message as words")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}

// `read` is shadowed inside the enum by `read(fileDescriptor:name:limit:)`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
