extension TransportKind {
    /// Reads a `--transport` value: `ws`, `sse`, `v1` (the v1 stream), or a raw value
    /// (`v1-sse`, `v1-post`); case-insensitive. `openai` is no Tekton transport: a
    /// provider's models always use it, and nothing else can.
    public init?(commandLineValue: String) {
        switch commandLineValue.lowercased() {
        case "v1": self = .v1Stream
        case "websocket": self = .websocket
        case "openai": return nil
        case let value: self.init(rawValue: value)
        }
    }
}
