import Synchronization

/// The terminal's width in cells, shared by whoever watches for resizes (SIGWINCH)
/// and the renderers that wrap text to it.
///
/// A renderer reads it once per chunk, so a resize applies from the next chunk on.
public final class TerminalColumns: Sendable {
    private let storage: Atomic<Int>

    /// Starts at `columns` (at least 1).
    public init(_ columns: Int) {
        storage = Atomic(Swift.max(1, columns))
    }

    /// The width now.
    public var current: Int { storage.load(ordering: .relaxed) }

    /// Sets a new width (at least 1), for example after `TIOCGWINSZ` on SIGWINCH.
    public func resize(columns: Int) {
        storage.store(Swift.max(1, columns), ordering: .relaxed)
    }
}
