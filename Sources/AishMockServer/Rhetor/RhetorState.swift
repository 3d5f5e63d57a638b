/// What the Rhetor profile's routes share: its options, the specialists' sockets
/// and the health cache.
struct RhetorState: Sendable {
    let options: RhetorOptions
    let sockets: RhetorSockets
    let health: RhetorHealthCache

    /// Fresh state for one server.
    init(options: RhetorOptions) {
        self.options = options
        self.sockets = RhetorSockets(down: options.downSpecialists)
        self.health = RhetorHealthCache(ttl: .clampedSeconds(options.healthCacheTTL))
    }

    /// Rhetor's (cached) health check of a specialist.
    func isHealthy(_ id: String) -> Bool {
        health.healthy(id) { RhetorRoster.specialist(id) != nil && sockets.isUp(id) }
    }

    /// The longest line the specialist socket reads, as asyncio's default stream limit.
    static let socketLineLimit = 64 * 1024

    /// Sends `message` to the specialist `id` and waits for its whole reply, as
    /// Rhetor's `send_to_ai` does: one request in flight per specialist, and no
    /// health cache on this path (it connects, or fails to).
    func send(_ message: String, to id: String) async -> RhetorOutcome {
        guard let specialist = RhetorRoster.specialist(id) else {
            return .error("Unknown component: \(RhetorRoster.component(of: id))")
        }
        guard sockets.isUp(id) else {
            return .error(
                "Could not connect to \(id): [Errno 111] Connect call failed ('127.0.0.1', \(specialist.port))")
        }
        guard sockets.claim(id) else { return .noResponse }
        defer { sockets.release(id) }
        await sockets.waitWhileHeld(id)
        try? await Task.sleep(for: .clampedSeconds(options.replyDelay))
        return reply(of: specialist, to: message)
    }

    /// The specialist's reply, once it has computed it.
    private func reply(of specialist: Specialist, to message: String) -> RhetorOutcome {
        let directives = RhetorDirectives(message: message)
        if directives.noResponse { return .noResponse }
        if directives.modelError { return .response(RhetorReplyText.modelError(specialist)) }
        var text: String
        if let tokens = directives.tokens {
            text = Reply(specialist: specialist, message: message, maxTokens: tokens).answer
        } else if options.echoReplies {
            text = RhetorReplyText.echo(specialist, message: message)
        } else {
            text = RhetorReplyText.standIn(specialist, message: message)
        }
        if message.contains(Reply.inlineThinkMarker) {
            // A reasoning model behind the specialist: its thinking comes first, in the text.
            text = Reply.inlineThinking(of: specialist, about: message) + text
        }
        let line = JSONValue.object(["type": "response", "ai_id": .string(specialist.id), "content": .string(text)])
        guard line.encoded(.python).utf8.count < Self.socketLineLimit else { return .lineTooLong }
        return .response(text)
    }

    /// What the stand-in team-chat socket of `specialist` answers (no one-in-flight rule there).
    func teamReply(of specialist: Specialist, to message: String) -> RhetorOutcome {
        reply(of: specialist, to: message)
    }
}
