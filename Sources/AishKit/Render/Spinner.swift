/// An activity indicator on a terminal while waiting for the first token.
///
/// It runs as a child task of the caller; `stop()` cancels it, waits until it has
/// stopped drawing and erases it, so nothing it writes can land between tokens.
public struct Spinner: Sendable {
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    private let output: any OutputSink
    private let label: String
    private let interval: Duration

    /// A spinner labelled `label` (for instance the specialist's name) on `output`.
    public init(output: any OutputSink, label: String, interval: Duration = .milliseconds(80)) {
        self.output = output
        self.label = label
        self.interval = interval
    }

    /// Draws frames until the task is cancelled, then erases the line.
    public func spin() async {
        var index = 0
        while !Task.isCancelled {
            try? output.write("\r\(Self.frames[index % Self.frames.count]) \(label)\u{1B}[K")
            index += 1
            try? await Task.sleep(for: interval)
        }
        try? output.write("\r\u{1B}[K")
    }
}
