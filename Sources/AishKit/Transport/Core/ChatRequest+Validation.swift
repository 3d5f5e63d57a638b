extension ChatRequest {
    /// Throws ``AishError/emptyMessage`` when there is nothing to send.
    public func validate() throws(AishError) {
        guard message.contains(where: { !$0.isWhitespace }) else { throw AishError.emptyMessage }
    }
}
