/// The most text aish keeps of one reply: 8 MiB, ten times the longest reply any
/// model writes today (about 800 KB for 200,000 tokens), so that a server that never
/// ends its stream cannot fill the memory or the disk.
///
/// Whatever collects a reply's text (the printer, a bulk operation) takes each
/// piece through ``fit(_:after:)``; past the limit it keeps what fits, stops reading
/// (which cancels the request) and ends with ``error(specialistID:limit:)``.
public enum ReplyLimit {
    /// 8 MiB.
    public static let bytes = 8 << 20

    /// The part of `piece` that fits after `used` bytes within `limit` (cut at a
    /// character boundary), and whether anything was left out.
    public static func fit(_ piece: String, after used: Int, limit: Int = bytes) -> (text: String, overflowed: Bool) {
        let room = max(0, limit - used)
        let utf8 = piece.utf8
        guard utf8.count > room else { return (piece, false) }
        var end = utf8.index(utf8.startIndex, offsetBy: room)
        // Back off to the start of a scalar: UTF-8 continuation bytes are 0b10xxxxxx.
        while end > utf8.startIndex, utf8[end] & 0xC0 == 0x80 { end = utf8.index(before: end) }
        return (String(piece[..<end]), true)
    }

    /// The error of a reply cut off at `limit`.
    public static func error(specialistID: String, limit: Int = bytes) -> AishError {
        .streamInterrupted(
            id: specialistID,
            reason: "it passed \(size(limit)), the most aish reads of one reply")
    }

    /// `8 MiB`, `100 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
