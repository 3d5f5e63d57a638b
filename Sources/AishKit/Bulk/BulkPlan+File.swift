extension BulkPlan {
    /// The largest plan file read: a full plan (100 operations of up to 1 MiB
    /// each) with room for its JSON.
    public static let fileSizeLimit = 128 << 20

    /// The bytes of the plan file at `path`, at most ``fileSizeLimit``; a device
    /// (`/dev/zero`) or a directory is refused without being read.
    ///
    /// - Throws: ``BoundedFileError`` whose ``BoundedFileError/reason`` says what is
    ///   wrong with the path (no such file, a directory, not a regular file, too large).
    public static func readFile(_ path: String) throws(BoundedFileError) -> [UInt8] {
        try BoundedFile.read(path: path, limit: fileSizeLimit)
    }
}
