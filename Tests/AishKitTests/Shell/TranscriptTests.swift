import AishKit
import Testing

/// The shell's transcript, as `/save` writes it.
@Suite struct TranscriptTests {
    @Test func savedMarkdownHasASectionPerMessageAndMarksCutReplies() async throws {
        let server = ScriptedTekton.server(offered: .v1Only) { request in
            request.message == "cut" ? [.text("half"), .drop] : ScriptedTransport.echo(request)
        }
        let context = Shell.Context(
            client: server, reader: ScriptedLineReader([.line("whole"), .line("cut")]), output: MemorySink(),
            status: MemorySink(), interrupts: InterruptSignal())
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        let transcript = shell.conversation
        #expect(transcript.turns.map(\.status) == [.complete, .complete, .complete, .partial])
        #expect(
            transcript.markdown
                == "# aish conversation\n\n## You → apollo\n\nwhole\n\n## apollo\n\n"
                + ScriptedTransport.reply(to: "whole", from: "apollo")
                + "\n\n## You → apollo\n\ncut\n\n## apollo (partial)\n\nhalf\n")
    }
}
