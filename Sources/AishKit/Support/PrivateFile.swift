import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files only their owner may read: the session key and the database. Thin POSIX
/// wrappers so modes are exact (0600 files, 0700 folders) from the first byte.
enum PrivateFile {
    /// A failed system call: what was tried, on which path, and `strerror`.
    struct Failure: Error, CustomStringConvertible {
        var action: String
        var path: String
        var code: Int32
        var description: String { "cannot \(action) \(path): \(String(cString: strerror(code)))" }
    }

    /// Creates `path`'s folder and its parents, 0700, when missing.
    static func ensureFolder(of path: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) else { return }
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(action: "create the folder", path: folder, code: errno == 0 ? EACCES : errno)
        }
    }

    /// Creates `path` with mode 0600 and `contents`, flushed to disk unless `flushed`
    /// is false; false when it already exists.
    @discardableResult
    static func createExclusively(_ path: String, contents: Data = Data(), flushed: Bool = true) throws(Failure)
        -> Bool
    {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor < 0 {
            if errno == EEXIST { return false }
            throw Failure(action: "create", path: path, code: errno)
        }
        defer { close(descriptor) }
        var failed: Int32 = 0
        contents.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    return
                }
                offset += written
            }
        }
        if failed == 0, flushed, fsync(descriptor) != 0 { failed = errno }
        if failed != 0 {
            unlink(path)
            throw Failure(action: "write", path: path, code: failed)
        }
        return true
    }

    /// Creates `path` (0600) holding `contents` in one step, so that no other process
    /// ever sees it half-written: the bytes go to a temporary file first, which is then
    /// hard-linked to `path`. False when `path` already exists.
    static func publishExclusively(_ path: String, contents: Data) throws(Failure) -> Bool {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try createExclusively(temporary, contents: contents)
        defer { unlink(temporary) }
        if link(temporary, path) != 0 {
            if errno == EEXIST { return false }
            throw Failure(action: "create", path: path, code: errno)
        }
        return true
    }

    /// Writes `contents` to `path` (0600, its folder made 0700 when missing), replacing
    /// any old file in one step: a temporary file renamed over it, so no reader ever
    /// sees half a file, or one others may read. With `flushed` false the bytes are not
    /// forced to the disk first: for caches, which a crash may cost but never corrupt
    /// for a reader that checks them, and whose `fsync` (4 ms on this machine's disk)
    /// would delay the chat that writes them.
    static func replaceAtomically(_ path: String, contents: Data, flushed: Bool = true) throws(Failure) {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try ensureFolder(of: path)
            try createExclusively(temporary, contents: contents, flushed: flushed)
            try replace(path, with: temporary)
        } catch {
            remove(temporary)
            throw error
        }
    }

    /// The permission bits of `path`, or nil when it does not exist.
    static func mode(_ path: String) throws(Failure) -> mode_t? {
        var info = stat()
        if stat(path, &info) != 0 {
            if errno == ENOENT { return nil }
            throw Failure(action: "inspect", path: path, code: errno)
        }
        return info.st_mode & 0o7777
    }

    /// Whether `path` exists and is a folder (a link to one counts).
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The bytes of `path`, or nil when it does not exist.
    static func read(_ path: String) throws(Failure) -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(action: "read", path: path, code: EACCES)
        }
        return data
    }

    /// Renames `from` to `to`, replacing `to` atomically.
    static func replace(_ to: String, with from: String) throws(Failure) {
        if rename(from, to) != 0 { throw Failure(action: "rename \(from) to", path: to, code: errno) }
    }

    /// Deletes `path` if it exists.
    static func remove(_ path: String) {
        unlink(path)
    }

    /// `0644`-style text for a mode.
    static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
