extension Shell {
    /// The chat for a name typed in the shell (`@name …`, `/use name`, the start
    /// specialist). `@capability` (when no specialist has that name) picks the best
    /// specialist for it, after a dim `→ apollo (debugging 0.90)` on the status output.
    static func prepareChat(for name: String, in context: Context) async throws -> PreparedChat {
        let router = CapabilityRouter(client: context.client, cache: context.discoveryCache)
        let (chat, route) = try await router.prepareChat(name, forcedTransport: context.forcedTransport)
        if let route {
            let notice = context.colors ? "\u{1B}[2m\(route.notice)\u{1B}[0m" : route.notice
            try? context.status.write(notice + "\n")
        }
        return chat
    }
}
