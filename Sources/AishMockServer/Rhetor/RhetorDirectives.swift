/// Markers a message may carry to make the Rhetor profile misbehave on purpose,
/// deterministically and through any client:
///
/// - `[model-error]`: the model fails; Rhetor answers `success:true` with the
///   error as a Python dict in the text (`message-model-error.http`);
/// - `[no-response]`: the specialist closes its socket (`message-conn-closed.http`);
/// - `[tokens=N]`: a reply of N tokens from the mock's reply generator, for long
///   replies (past 64 KiB it fails as Rhetor does).
///
/// (`[think-inline]`, the thinking of a reasoning model first in the text, is the whole
/// mock's: ``Reply/inlineThinkMarker``.)
struct RhetorDirectives: Sendable, Equatable {
    var modelError = false
    var noResponse = false
    var tokens: Int?

    /// The largest `[tokens=N]` honoured.
    static let maxTokens = 1_000_000

    /// The markers found in `message`.
    init(message: String) {
        modelError = message.contains("[model-error]")
        noResponse = message.contains("[no-response]")
        guard let start = message.range(of: "[tokens=") else { return }
        let digits = message[start.upperBound...].prefix { $0.isASCII && $0.isNumber }
        let end = message.index(start.upperBound, offsetBy: digits.count)
        guard end < message.endIndex, message[end] == "]", let count = Int(digits), count > 0 else { return }
        tokens = min(count, Self.maxTokens)
    }
}
