import Foundation

extension Shell {
    mutating func run(_ command: ShellCommand) async -> Next {
        switch command {
        case .help:
            say(ShellCommand.Name.allCases.map(\.summary).joined(separator: "\n"))
        case .use(let name):
            do {
                current = try await Self.prepareChat(for: name, in: context)
                say(dim("now talking to \(current.specialist.id) over \(current.transport.kind.displayName)"))
            } catch {
                complain(error)
            }
        case .specialists(let words):
            do {
                let width = context.output.isTerminal ? TerminalSize.columns() : nil
                let roster = try await context.client.specialists()
                let matching = roster.filter { $0.matches(all: words) }
                if matching.isEmpty, !words.isEmpty {
                    let asked = words.map { "“\($0)”" }.joined(separator: " and ")
                    complain(
                        "no specialist or model matches \(asked) (of \(roster.count)); /specialists lists them all.")
                } else {
                    say(SpecialistTable.render(matching, width: width), terminated: false)
                }
            } catch {
                complain(error)
            }
        case .retry:
            guard let question = transcript.lastQuestion else {
                complain("nothing to retry yet: ask something first.")
                break
            }
            // Of the specialist it was asked of (an `@name` one-off included); after
            // `/resume` that is the one the prompt shows.
            do {
                let chat =
                    question.specialist == current.specialist.id
                    ? current
                    : try await context.client.prepareChat(
                        specialist: question.specialist, forcedTransport: context.forcedTransport)
                await ask(question.content, of: chat)
            } catch {
                complain(error)
            }
        case .new:
            startNewSession()
        case .sessions:
            await listSessions()
        case .resume(let prefix):
            await resumeSession(prefix)
        case .save(let path):
            save(to: path)
        case .edit:
            guard let editor = context.editor else {
                complain("no editor here: /edit needs a terminal and $EDITOR.")
                break
            }
            do {
                let text = try editor.compose("")
                if text.trimmingWhitespace().isEmpty {
                    say(dim("nothing to send: the editor came back empty"))
                } else {
                    // The composed text goes into the scrollback, as a typed message would.
                    say(dim("\(current.specialist.bareName)› ") + text)
                    await ask(text, of: current)
                }
            } catch {
                complain(error)
            }
        case .transport:
            say("\(current.transport.kind.displayName): \(current.reason)")
        case .status:
            say(statusReport())
        case .team(let message):
            await askTeam(message)
        case .copy(let block):
            copy(block: block)
        case .thinking(let wanted):
            showsThinking = wanted ?? !showsThinking
            say(dim("a reasoning model's thinking is \(showsThinking ? "shown" : "hidden") before its answer"))
        case .clear:
            try? context.output.write("\u{1B}[H\u{1B}[2J")
        case .quit:
            return .quit
        }
        return .goOn
    }

    func say(_ text: String, terminated: Bool) {
        try? context.status.write(terminated ? text + "\n" : text)
    }

    private func save(to path: String) {
        let expanded = HomeFolder.expandingTilde(in: path, environment: ["HOME": context.home])
        let folder = (expanded as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard folder.isEmpty || FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            return complain(
                "cannot write \(expanded): there is no folder \(folder). Choose a path in an existing folder.")
        }
        do {
            try Data(transcript.markdown.utf8).write(to: URL(fileURLWithPath: expanded), options: .atomic)
            say(dim("saved \(transcript.turns.count) messages to \(expanded)"))
        } catch {
            complain("cannot write \(expanded): \(SystemErrorText.reason(error)). Choose a writable path.")
        }
    }

    private func statusReport() -> String {
        var lines = [
            "server      \(current.url ?? context.client.baseURL)",
            "specialist  \(current.specialist.id)",
            "transport   \(current.transport.kind.displayName) (\(current.reason))",
            "messages    \(transcript.turns.count)",
        ]
        if let lastSummary { lines.append("last reply  \(StatusLine.describe(lastSummary))") }
        return lines.joined(separator: "\n")
    }
}
