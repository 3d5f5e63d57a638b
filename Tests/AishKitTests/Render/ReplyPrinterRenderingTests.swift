import AishKit
import Testing

/// ``ReplyPrinter`` with and without a renderer.
@Suite struct ReplyPrinterRenderingTests {
    private static let chunks = ["# Ti", "tle\n\nSome **bo", "ld** text\n", "```sh\necho hi\n``", "`\nend **"]

    private func events(_ chunks: [String]) -> AsyncThrowingStream<ChatEvent, any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(.started(requestID: "r1", transport: .sse))
            for chunk in chunks { continuation.yield(.text(chunk, tokens: 1)) }
            continuation.yield(.done(tokensUsed: nil, finishReason: "stop"))
            continuation.finish()
        }
    }

    @Test func withoutARendererTheTextIsWrittenByteForByte() async throws {
        let output = MemorySink(isTerminal: true)
        let printer = ReplyPrinter(output: output, status: MemorySink(), showsSpinner: false)
        let summary = try await printer.print(events(Self.chunks), from: "apollo")
        #expect(output.text == Self.chunks.joined())
        #expect(summary.content == Self.chunks.joined())
    }

    @Test func aRendererWithoutColorsIsByteForByteToo() async throws {
        let output = MemorySink(isTerminal: true)
        let printer = ReplyPrinter(
            output: output, status: MemorySink(), showsSpinner: false,
            renderer: MarkdownStreamRenderer(width: 40, colors: false))
        _ = try await printer.print(events(Self.chunks), from: "apollo")
        #expect(output.text == Self.chunks.joined())
    }

    @Test func aRendererRendersAndFinishesTheReply() async throws {
        let output = MemorySink(isTerminal: true)
        var printer = ReplyPrinter(output: output, status: MemorySink(), showsSpinner: false)
        printer.renderer = MarkdownStreamRenderer(width: 20)
        let summary = try await printer.print(events(Self.chunks), from: "apollo")
        #expect(
            output.text
                == "\u{1B}[0;1;4;35mTitle\u{1B}[0m\n\nSome \u{1B}[0;1mbold\u{1B}[0m text\n"
                + "\u{1B}[2m── sh ──────────────\u{1B}[0m\necho hi\n\u{1B}[2m────────────────────\u{1B}[0m\nend **")
        // The summary keeps what the server sent, not what the terminal shows.
        #expect(summary.content == Self.chunks.joined())
    }

    @Test func eachReplyStartsFromAFreshRenderer() async throws {
        let output = MemorySink(isTerminal: true)
        let printer = ReplyPrinter(
            output: output, status: MemorySink(), showsSpinner: false, renderer: MarkdownStreamRenderer(width: 20))
        _ = try await printer.print(events(["```\nunclosed code"]), from: "apollo")
        _ = try await printer.print(events(["# Head\n"]), from: "apollo")
        #expect(output.text.hasSuffix("unclosed code# Head\n") == false)
        #expect(output.text.hasSuffix("\u{1B}[0;1;4;35mHead\u{1B}[0m\n"))
    }
}
