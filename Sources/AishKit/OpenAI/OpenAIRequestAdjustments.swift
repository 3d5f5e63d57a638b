/// What a server refused of earlier requests, learnt from its 400 or 422, and how
/// to ask again: without `stream_options` (Azure's API and other strict ones reject
/// fields they do not know), or with `max_completion_tokens` for `max_tokens`
/// (OpenAI's reasoning models: "Use 'max_completion_tokens' instead").
///
/// Pure: it reads the error body and changes the request; the transport remembers
/// what it learnt, so a shell asks the right way from then on.
struct OpenAIRequestAdjustments: Sendable, Equatable {
    /// Leave out `stream_options` (no usage chunk; aish counts the tokens).
    var omitsUsageOption = false
    /// Send `--max-tokens` as `max_completion_tokens`.
    var usesMaxCompletionTokens = false

    /// The adjustments a refusal's `body` calls for that `request` lacks, together
    /// with `self`'s; nil when it calls for none (then the refusal is the error).
    func learning(from body: some Collection<UInt8>, refusing request: OpenAIChatRequest) -> Self? {
        var learnt = self
        if request.stream, request.asksForUsage, body.firstRange(of: "stream_options".utf8) != nil {
            learnt.omitsUsageOption = true
        }
        if request.maxTokens != nil, !request.sendsMaxCompletionTokens,
            body.firstRange(of: "max_completion_tokens".utf8) != nil
        {
            learnt.usesMaxCompletionTokens = true
        }
        return learnt == self ? nil : learnt
    }

    /// `request` as these adjustments ask it.
    func apply(to request: inout OpenAIChatRequest) {
        if omitsUsageOption { request.asksForUsage = false }
        if usesMaxCompletionTokens { request.sendsMaxCompletionTokens = true }
    }
}
