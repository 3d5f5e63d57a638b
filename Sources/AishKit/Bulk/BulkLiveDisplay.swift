/// The live view of a running plan on a terminal: one line per operation, redrawn
/// in place ten times a second. Each redraw is one write that moves the cursor back
/// to the first line and rewrites every line, erasing only what follows each, so
/// nothing flickers; lines are cut to the terminal's width so none wraps.
public final class BulkLiveDisplay: Sendable {
    private let progress: LockedBox<BulkProgress>
    /// Lines on screen from the last redraw (0 before the first).
    private let drawn = LockedBox(0)
    private let sink: FileDescriptorSink
    private let board: BulkStatusBoard
    private let clock: any AishClock
    private let start: ContinuousClock.Instant
    /// The terminal's echo, off while the lines are redrawn (see ``TerminalEcho``).
    private let echo = LockedBox<TerminalEcho?>(nil)
    /// Whether lines are redrawn while the plan runs; on a dumb terminal they are
    /// only printed at the end, without escape sequences.
    public let animated: Bool

    public static let interval: Duration = .milliseconds(100)

    public init(
        plan: BulkPlan, sink: FileDescriptorSink, colors: Bool, animated: Bool, clock: any AishClock = SystemClock()
    ) {
        self.clock = clock
        self.start = clock.now
        self.progress = LockedBox(BulkProgress(plan: plan))
        self.sink = sink
        self.board = BulkStatusBoard(colors: colors && animated)
        self.animated = animated
    }

    public func apply(_ event: BulkEvent) {
        progress.withLock { $0.apply(event) }
    }

    /// Redraws until the task is cancelled; keys typed meanwhile are not echoed.
    public func animate() async {
        echo.withLock { $0 = $0 ?? TerminalEcho.silence() }
        try? sink.write("\u{1B}[?25l")
        var frame = 0
        while !Task.isCancelled {
            redraw(frame: frame)
            frame += 1
            try? await clock.sleep(for: Self.interval)
        }
    }

    /// Writes `text` above the live lines (an answer in full, as `aish team` shows
    /// them), which are then drawn again below it; on a dumb terminal, just `text`.
    public func printAbove(_ text: String) {
        guard animated else {
            try? sink.write(text)
            return
        }
        drawn.withLock { count in
            try? sink.write(Self.rewind(count) + "\u{1B}[J" + text)
            count = 0
        }
    }

    /// Replaces the live lines with every operation's final line and `summary`.
    public func finish(summary: (BulkStatusBoard) -> String) {
        let snapshot = progress.withLock { $0 }
        let width = max(20, TerminalSize.columns(of: sink.fileDescriptor) - 1)
        let lines = board.lines(for: snapshot, width: width, height: Int.max, now: elapsed, frame: 0)
        let body = lines.joined(separator: "\n") + "\n" + WordWrap.text(summary(board), width: width) + "\n"
        try? sink.write(animated ? rewind() + "\u{1B}[J" + body + "\u{1B}[?25h" : body)
        restoreEcho()
    }

    /// Erases the live lines (the run failed as a whole; an error follows).
    public func abandon() {
        guard animated else { return }
        try? sink.write(rewind() + "\u{1B}[J\u{1B}[?25h")
        restoreEcho()
    }

    private func restoreEcho() {
        echo.withLock { echo in
            echo?.restore()
            echo = nil
        }
    }

    private var elapsed: Double { (clock.now - start).seconds }

    private func redraw(frame: Int) {
        let snapshot = progress.withLock { $0 }
        let fd = sink.fileDescriptor
        let lines = board.lines(
            for: snapshot, width: max(20, TerminalSize.columns(of: fd) - 1),
            height: max(3, TerminalSize.rows(of: fd) - 2), now: elapsed, frame: frame)
        // Under the lock: a text printed above the lines (printAbove) never lands mid-redraw.
        drawn.withLock { count in
            try? sink.write(Self.rewind(count) + lines.map { $0 + "\u{1B}[K" }.joined(separator: "\n") + "\u{1B}[J")
            count = lines.count
        }
    }

    /// The sequence back to the start of the first drawn line.
    private func rewind() -> String {
        Self.rewind(drawn.withLock { $0 })
    }

    /// The sequence back to the start of the first of `count` drawn lines.
    private static func rewind(_ count: Int) -> String {
        count > 1 ? "\r\u{1B}[\(count - 1)A" : "\r"
    }
}
