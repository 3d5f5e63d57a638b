extension Shell {
    /// `/team MESSAGE`: every healthy specialist answers (``TeamChat``), each answer
    /// printed in full under its specialist's name as it arrives, then one line on
    /// how it went. The answers are saved as a team session of their own (the
    /// conversation with the current specialist goes on as it was); Ctrl-C ends the
    /// team chat and keeps the answers so far.
    mutating func askTeam(_ message: String) async {
        let team = TeamChat(server: context.client, forcedTransport: context.forcedTransport)
        do {
            let prepared = try await team.prepare(message, to: nil)
            say(dim("asking \(prepared.expected.count) specialists through \(prepared.via)"))
            let template = context.renderer
            var session = TeamSession(
                style: BulkOutputStyle(json: false, jsonl: false, colors: context.colors, dumbTerminal: false),
                render: template.map { template in
                    { @Sendable text in
                        var renderer = template
                        return renderer.feed(text) + renderer.finish()
                    }
                },
                store: context.store)
            session.output = context.output
            session.status = context.status
            session.interrupts = context.interrupts
            session.showsLiveView = false
            let outcome = try await session.run(team, prepared)
            let summary = BulkStatusBoard(colors: false).summary(for: outcome.result, via: prepared.via)
            let saved = outcome.sessionID.map { " · saved as session \($0.prefix(8))" } ?? ""
            say(dim((outcome.result.interrupted ? "⏹ " : "") + summary + saved))
        } catch {
            complain(error)
        }
    }
}
