extension Shell {
    private enum Outcome: Sendable {
        case finished(ReplySummary)
        case failed(ReplyFailure)
        case interrupted
    }

    /// Sends `text` to `chat`'s specialist and prints the reply; Ctrl-C stops it and
    /// keeps what arrived.
    mutating func ask(_ text: String, of chat: PreparedChat) async {
        let id = chat.specialist.id
        transcript.asked(id, text)
        let opened = LockedBox<String?>(nil)
        let events = replyEvents(to: text, of: chat, opened: opened)
        let checkpointer = await beginRecording(question: text, specialist: id)
        var printer = ReplyPrinter(output: context.output, status: context.status, renderer: context.renderer)
        if let checkpointer { printer.onText = { checkpointer.record($0, tokens: $1) } }
        let replyPrinter = printer
        let interrupts = context.interrupts
        var summary = ReplySummary(specialist: id)
        var failure: (any Error)?
        var interrupted = false
        await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do throws(ReplyFailure) {
                    return .finished(try await replyPrinter.print(events, from: id))
                } catch {
                    return .failed(error)
                }
            }
            group.addTask {
                await interrupts.wait() ? .interrupted : nil
            }
            while let outcome = await group.next() {
                switch outcome {
                case .finished(let done)?:
                    summary = done
                    group.cancelAll()
                case .failed(let error)?:
                    summary = error.summary
                    failure = error.error
                    group.cancelAll()
                case .interrupted?:
                    interrupted = true
                    group.cancelAll()
                case nil:
                    break
                }
            }
        }
        if context.output.isTerminal, !summary.content.isEmpty, !summary.content.hasSuffix("\n") {
            try? context.output.write("\n")
        }
        lastSummary = summary
        await adoptServerSession(opened, specialist: id)
        await finishRecording(checkpointer, summary, stopped: interrupted)
        if interrupted {
            transcript.answered(id, summary.content, status: .interrupted)
            say(dim("⏹ stopped · \(StatusLine.describe(summary))"))
        } else if let failure {
            transcript.answered(id, summary.content, status: summary.content.isEmpty ? .interrupted : .partial)
            complain(failure)
        } else {
            transcript.answered(id, summary.content, status: .complete)
            say(dim(StatusLine.describe(summary)))
        }
    }
}
