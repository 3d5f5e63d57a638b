/// Turns a reply's text, chunk by chunk, into what the output shows.
///
/// ``ReplyPrinter`` calls ``feed(_:)`` for every text event and ``finish()`` once
/// when the reply ends (completed, failed or interrupted), writing what each returns
/// in one write. After ``finish()`` a renderer is ready for the next reply.
public protocol ReplyRenderer: Sendable {
    /// Takes the next chunk of reply text and returns the bytes to write now (often
    /// more or less than the chunk; may be empty while a marker is still ambiguous).
    mutating func feed(_ text: String) -> String
    /// Flushes what is still held back and closes any open style; adds no newline.
    mutating func finish() -> String
}
