/// Draws a running plan as lines of text, one per operation: a state mark, the id,
/// the specialist, the time, the tokens and a preview of the reply (or why it did
/// not run). Pure: the caller decides when to draw and where.
public struct BulkStatusBoard: Sendable {
    /// Whether to colour the marks (SGR sequences).
    public var colors: Bool

    /// A board, coloured or not.
    public init(colors: Bool) {
        self.colors = colors
    }

    private static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// The lines for `progress`, each at most `width` cells, at most `height` lines
    /// (when there are more operations, the running and the latest ended ones are
    /// shown, then a line counting the rest).
    ///
    /// - Parameters:
    ///   - now: seconds since the plan started, for the running operations' times.
    ///   - frame: advances the spinner.
    public func lines(for progress: BulkProgress, width: Int, height: Int, now: Double, frame: Int) -> [String] {
        let entries = progress.entries
        let idWidth = min(16, entries.map(\.id.count).max() ?? 2)
        let aiWidth = min(14, entries.map(\.ai.count).max() ?? 2)
        let shown = chooseShown(entries, limit: max(1, height))
        var lines = shown.map {
            line(for: entries[$0], idWidth: idWidth, aiWidth: aiWidth, width: width, now: now, frame: frame)
        }
        let hidden = entries.count - shown.count
        if hidden > 0 {
            let ended = entries.indices.filter { !shown.contains($0) && entries[$0].isEnded }.count
            lines.append(
                TerminalWidth.truncated("  … \(hidden) more: \(ended) ended, \(hidden - ended) waiting", toCells: width)
            )
        }
        return lines
    }

    /// The closing line: counts per outcome, tokens and time.
    public func summary(for result: BulkRunResult, via: String) -> String {
        var parts: [String] = []
        let labels: [(BulkOperationResult.Status, String, String)] = [
            (.success, "succeeded", "32"), (.failed, "failed", "31"), (.skipped, "skipped", "2"),
            (.cancelled, "cancelled", "33"),
        ]
        for (status, label, color) in labels {
            let count = result.count(status)
            if count > 0 || status == .success { parts.append(paint("\(count) \(label)", color)) }
        }
        // Over v1 nothing is counted: no figure rather than an invented one.
        if let tokens = result.countedTokens { parts.append(tokens == 1 ? "1 token" : "\(tokens) tokens") }
        parts.append(Self.time(result.executionTime))
        parts.append(via)
        let head = result.interrupted ? paint("interrupted", "33") + ": " : ""
        return head + parts.joined(separator: " · ")
    }

    /// The operations to show, in the plan's order: all when they fit, else the
    /// running first, then the latest ended, then the first waiting.
    private func chooseShown(_ entries: [BulkProgress.Entry], limit: Int) -> [Int] {
        guard entries.count > limit else { return Array(entries.indices) }
        let room = max(1, limit - 1)
        let running = entries.indices.filter { entries[$0].isActive }
        let ended = entries.indices.filter { entries[$0].isEnded }
            .sorted { (entries[$0].endedAt ?? 0) > (entries[$1].endedAt ?? 0) }
        let waiting = entries.indices.filter { entries[$0].phase == .waiting }
        return Array((running + ended + waiting).prefix(room)).sorted()
    }

    private func line(
        for entry: BulkProgress.Entry, idWidth: Int, aiWidth: Int, width: Int, now: Double, frame: Int
    ) -> String {
        let mark: String
        let detail: String
        var elapsed = entry.executionTime ?? entry.startedAt.map { max(0, now - $0) }
        switch entry.phase {
        case .waiting:
            mark = paint("·", "2")
            elapsed = nil
            detail = entry.dependsOn.isEmpty ? "waiting" : "waiting for \(entry.dependsOn.joined(separator: ", "))"
        case .running:
            mark = paint(Self.spinner[frame % Self.spinner.count], "36")
            detail = Self.tail(entry.preview)
        case .retrying(let delay, let reason):
            mark = paint("↻", "33")
            detail = "retry \(entry.attempt + 1) in \(Self.time(delay)): \(reason)"
        case .ended(.success):
            mark = paint("✓", "32")
            detail = Self.flattened(entry.preview)
        case .ended(.failed):
            mark = paint("✗", "31")
            detail = "failed: " + (entry.error ?? "")
        case .ended(.skipped):
            mark = paint("↷", "2")
            detail = "skipped: " + (entry.error ?? "")
        case .ended(.cancelled):
            mark = paint("⊘", "33")
            detail = "cancelled" + (entry.tokens > 0 ? " after \(entry.tokens) tokens" : "")
        }
        let time = elapsed.map(Self.time) ?? ""
        let tokens = entry.tokens > 0 ? "\(entry.tokens) tok" : ""
        let head =
            "\(pad(entry.id, idWidth))  \(pad(entry.ai, aiWidth))  \(leftPad(time, 7))  \(leftPad(tokens, 9))  "
        let headCells = 2 + TerminalWidth.cells(head)
        guard headCells < width else { return TerminalWidth.truncated(head, toCells: width) }
        return mark + " " + head + TerminalWidth.truncated(detail, toCells: width - headCells)
    }

    /// `0.4 s`, `12.3 s`, `2m05s`.
    public static func time(_ seconds: Double) -> String {
        if seconds < 60 {
            let tenths = Int((seconds * 10).rounded())
            return "\(tenths / 10).\(tenths % 10) s"
        }
        let whole = Int(seconds.rounded())
        let rest = whole % 60
        return "\(whole / 60)m\(rest < 10 ? "0" : "")\(rest)s"
    }

    /// Reply text on one line: runs of whitespace become one space.
    static func flattened(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The end of a streaming reply on one line, so the line moves as text arrives.
    static func tail(_ text: String) -> String {
        let flat = flattened(text)
        return flat.count > 120 ? "…" + flat.suffix(119) : flat
    }

    private func paint(_ text: String, _ color: String) -> String {
        colors ? "\u{1B}[\(color)m\(text)\u{1B}[0m" : text
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let cut = TerminalWidth.truncated(text, toCells: width)
        return cut + String(repeating: " ", count: max(0, width - TerminalWidth.cells(cut)))
    }

    private func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - TerminalWidth.cells(text))) + text
    }

}

extension BulkProgress.Entry {
    /// Running or waiting to retry.
    var isActive: Bool {
        switch phase {
        case .running, .retrying: true
        default: false
        }
    }

    /// Reached its end.
    var isEnded: Bool {
        if case .ended = phase { return true }
        return false
    }
}
