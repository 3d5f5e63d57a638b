/// Picks the transport for a server: the best one it offers that aish implements,
/// or the one the user forced (PROTOCOL.md §1). Pure; no I/O.
public enum TransportSelector {
    /// A transport and why it was chosen.
    public struct Choice: Sendable, Equatable {
        /// The chosen transport.
        public var kind: TransportKind
        /// Why, for status lines: "server offers v2 streaming", "forced by --transport", …
        public var reason: String

        /// Creates a choice.
        public init(kind: TransportKind, reason: String) {
            self.kind = kind
            self.reason = reason
        }
    }

    /// Why a v1-only server's replies go by POST.
    public static let v1PostReason = "v1 server: its stream waits for the whole reply, so one POST is faster"

    /// Why one message goes by v2 SSE on a server that offers WebSocket too.
    public static let oneMessageReason =
        "server offers v2 streaming; one message with no connection to reuse goes by SSE, "
        + "which needs no WebSocket upgrade and reads a reply faster"

    /// Why a forced v1 stream may still use POST: its message travels in the URL.
    public static let forcedV1StreamReason =
        "forced by --transport; the message goes in the URL, and one longer than "
        + "\(V1StreamTransport.maxEncodedMessageBytes / 1024) KiB encoded goes by v1 POST"

    /// The transports `capabilities` offers, best first, each with why it is offered.
    public static func offered(by capabilities: ServerCapabilities) -> [Choice] {
        var choices: [Choice] = []
        if capabilities.features.websocket {
            choices.append(Choice(kind: .websocket, reason: "server offers WebSocket"))
        }
        if capabilities.features.streaming {
            choices.append(Choice(kind: .sse, reason: "server offers v2 streaming"))
        }
        if capabilities.isV1Only {
            // Rhetor v1's stream route waits for the whole reply, then drips it at about
            // 1 KB/s: one POST brings the same complete reply sooner, and keeps the
            // message out of the URL.
            choices.append(Choice(kind: .v1Post, reason: v1PostReason))
            choices.append(Choice(kind: .v1Stream, reason: "server is v1-only (no /api/capabilities)"))
        } else if capabilities.servesV1 {
            let reason = "server does not offer v2 streaming"
            choices.append(Choice(kind: .v1Stream, reason: reason))
            choices.append(Choice(kind: .v1Post, reason: reason))
        }
        return choices
    }

    /// The transport to use.
    ///
    /// - Parameters:
    ///   - capabilities: what the server offers.
    ///   - forced: the kind `--transport` asked for, if any.
    ///   - implemented: the kinds this build can speak (``TektonClient/implementedTransports``).
    ///   - unusable: kinds the server offers that cannot work from here, each with why.
    ///   - oneMessage: the chat sends one message and ends (a one-shot `aish NAME "…"`):
    ///     with no connection to reuse, v2 SSE is preferred to WebSocket (BENCHMARKS.md:
    ///     a whole 20,000-token one-shot took 0.10 s over SSE against 0.15 s over WebSocket).
    /// - Throws: ``AishError/transportUnavailable(_:reason:)`` when the forced kind is
    ///   not offered, not implemented or unusable, or when nothing usable is offered.
    public static func select(
        for capabilities: ServerCapabilities,
        forced: TransportKind?,
        implemented: Set<TransportKind>,
        unusable: [TransportKind: String] = [:],
        oneMessage: Bool = false
    ) throws(AishError) -> Choice {
        if let forced, let why = unusable[forced] {
            throw AishError.transportUnavailable(forced, reason: why)
        }
        let all = offered(by: capabilities)
        let offered = all.filter { unusable[$0.kind] == nil }
        if let forced {
            guard offered.contains(where: { $0.kind == forced }) else {
                let reason =
                    capabilities.isV1Only
                    ? "the server is v1-only (no /api/capabilities)"
                    : "the server does not offer it"
                throw AishError.transportUnavailable(forced, reason: reason)
            }
            guard implemented.contains(forced) else {
                throw AishError.transportUnavailable(forced, reason: "this version of aish does not implement it yet")
            }
            return Choice(kind: forced, reason: forced == .v1Stream ? forcedV1StreamReason : "forced by --transport")
        }
        let usable = offered.filter { implemented.contains($0.kind) }
        if oneMessage, usable.first?.kind == .websocket, usable.contains(where: { $0.kind == .sse }) {
            return Choice(kind: .sse, reason: oneMessageReason)
        }
        guard var best = usable.first else {
            throw AishError.transportUnavailable(
                .sse,
                reason: "the server offers neither v2 streaming nor the v1 API"
            )
        }
        if let skipped = all.first, skipped.kind != best.kind, let why = unusable[skipped.kind] {
            best.reason += "; \(skipped.kind.displayName) skipped: \(why)"
        }
        return best
    }
}
