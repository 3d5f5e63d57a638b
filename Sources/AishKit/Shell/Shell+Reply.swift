extension Shell {
    /// Sends `text` to `chat`'s specialist and prints the reply (a ``ChatTurn``);
    /// Ctrl-C stops it and keeps what arrived.
    mutating func ask(_ text: String, of chat: PreparedChat) async {
        let id = chat.specialist.id
        transcript.asked(id, text)
        let status = context.status
        var printer = ReplyPrinter(output: context.output, status: status, renderer: context.renderer)
        printer.thinking = showsThinking ? context.thinking : nil
        var turn = ChatTurn(
            server: context.client, chat: chat, printer: printer,
            interrupts: context.interrupts,
            warn: { try? status.write("aish: \($0)\n") })
        turn.system = context.system
        let outcome = await turn.run(text, in: &record)
        let summary = outcome.summary
        lastSummary = summary
        switch outcome.ending {
        case .stopped where summary.content.isEmpty:
            transcript.withdrawLastQuestion()
            say(dim("⏹ stopped before any text; nothing was saved (/retry asks again)"))
        case .stopped:
            transcript.answered(id, summary.content, status: .stopped)
            say(dim("⏹ stopped · \(StatusLine.describe(summary))"))
        case .failed(let failure) where summary.content.isEmpty:
            transcript.withdrawLastQuestion()
            complain(failure)
        case .failed(let failure):
            transcript.answered(id, summary.content, status: .partial)
            complain(failure)
        case .completed:
            transcript.answered(id, summary.content, status: .complete)
            say(dim(StatusLine.describe(summary)))
        }
    }
}
