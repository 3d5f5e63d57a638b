import Foundation
import Testing

@testable import AishKit

/// How a reasoning model's thinking shows on a terminal before its answer.
@Suite struct ThinkingTranscriptTests {
    /// Everything `pieces` write, then the closing.
    private func shown(_ pieces: [String], _ display: ThinkingDisplay?) -> String {
        var transcript = ThinkingTranscript(display)
        return pieces.map { transcript.feed($0) }.joined() + transcript.close()
    }

    @Test func theThinkingIsFramedWithoutItsBlankLinesAndEachWordWaitsForItsEnd() {
        var transcript = ThinkingTranscript(ThinkingDisplay(dims: false))
        #expect(transcript.feed("\n\n  ") == "")
        #expect(!transcript.isOpen)
        #expect(transcript.feed("Let") == "Thinking…\n")
        #expect(transcript.feed(" me") == "Let")
        #expect(transcript.feed(" see.\n\n\n\nSo") == " me see.")
        #expect(transcript.feed(" yes\n\n") == "\n\nSo yes")
        #expect(transcript.close() == "\n…done thinking.\n\n")
        #expect(!transcript.isOpen)
        #expect(transcript.feed("later thoughts") == "")
    }

    @Test func dimmedThinkingIsDimmedPieceByPiece() {
        #expect(
            shown(["Hmm", " ok"], ThinkingDisplay(dims: true))
                == "\u{1B}[2mThinking…\u{1B}[0m\n\u{1B}[2mHmm\u{1B}[0m\u{1B}[2m ok\u{1B}[0m\n"
                + "\u{1B}[2m…done thinking.\u{1B}[0m\n\n")
    }

    @Test func wordsWrapAtTheTerminalsWidthNeverInsideAWord() {
        let text = shown(["one two three four five six"], ThinkingDisplay(dims: false, columns: TerminalColumns(9)))
        #expect(text == "Thinking…\none two\nthree\nfour five\nsix\n…done thinking.\n\n")
        let wide = shown(["日本語 日本語"], ThinkingDisplay(dims: false, columns: TerminalColumns(8)))
        #expect(wide == "Thinking…\n日本語\n日本語\n…done thinking.\n\n")
    }

    @Test func anyLineEndIsALineEnd() {
        #expect(
            shown(["one\r\ntwo\rthree"], ThinkingDisplay(dims: false))
                == "Thinking…\none\ntwo\nthree\n…done thinking.\n\n")
    }

    @Test func hiddenOrNeverStartedThinkingShowsNothing() {
        #expect(shown(["some thinking"], nil) == "")
        #expect(shown([" \n"], ThinkingDisplay(dims: true)) == "")
    }
}

/// ``ReplyPrinter`` with a reasoning model's reply: the thinking on `status` as the
/// caller asked, never in the reply's text.
@Suite struct ReplyPrinterThinkingTests {
    private func events(_ list: [ChatEvent]) -> AsyncThrowingStream<ChatEvent, any Error> {
        AsyncThrowingStream { continuation in
            continuation.yield(.started(requestID: "r1", transport: .openAI))
            for event in list { continuation.yield(event) }
            continuation.finish()
        }
    }

    private static let reply: [ChatEvent] = [
        .reasoning("\nLet me"), .reasoning(" think"), .text("The answer", tokens: 2), .reasoning(" (late)"),
        .text(".", tokens: 1), .done(tokensUsed: 3, finishReason: "stop"),
    ]

    @Test func theThinkingShowsOnStatusAndTheTextAloneOnOutput() async throws {
        let (output, status) = (MemorySink(isTerminal: true), MemorySink(isTerminal: true))
        var printer = ReplyPrinter(output: output, status: status, showsSpinner: false)
        printer.thinking = ThinkingDisplay(dims: false)
        let summary = try await printer.print(events(Self.reply), from: "local/qwen3")
        #expect(status.text == "Thinking…\nLet me think\n…done thinking.\n\n")
        #expect(output.text == "The answer.")
        #expect(summary.content == "The answer.")
        #expect(summary.reasoning == "\nLet me think (late)")
        #expect(summary.tokens == 3)
    }

    @Test func withoutADisplayNothingOfTheThinkingIsWritten() async throws {
        let (output, status) = (MemorySink(isTerminal: true), MemorySink(isTerminal: true))
        let printer = ReplyPrinter(output: output, status: status, showsSpinner: false)
        let summary = try await printer.print(events(Self.reply), from: "local/qwen3")
        #expect(status.text.isEmpty)
        #expect(output.text == "The answer.")
        #expect(summary.reasoning == "\nLet me think (late)")
    }

    /// A reply that is all thinking (a `<think>` never closed, an empty content) says
    /// that no answer came, whether the thinking shows or not; one cut at the token
    /// limit has the limit's notice instead.
    @Test func thinkingWithNoAnswerSaysSo() async throws {
        for shows in [true, false] {
            let (output, status) = (MemorySink(), MemorySink())
            var printer = ReplyPrinter(output: output, status: status, showsSpinner: false)
            if shows { printer.thinking = ThinkingDisplay(dims: false) }
            let summary = try await printer.print(
                events([.reasoning("hmm, and then"), .done(tokensUsed: 4, finishReason: "stop")]), from: "local/qwen3")
            #expect(summary.completed)
            #expect(output.text.isEmpty)
            #expect(status.text.hasSuffix("aish: notice: local/qwen3 thought but gave no answer; ask again\n"))
        }
        let status = MemorySink()
        _ = try await ReplyPrinter(output: MemorySink(), status: status, showsSpinner: false).print(
            events([.reasoning("hmm"), .done(tokensUsed: 4, finishReason: "length")]), from: "m")
        #expect(!status.text.contains("no answer"))
    }

    @Test func thinkingAfterTheAnswerBeganIsNotShown() async throws {
        let status = MemorySink(isTerminal: true)
        var printer = ReplyPrinter(output: MemorySink(isTerminal: true), status: status, showsSpinner: false)
        printer.thinking = ThinkingDisplay(dims: false)
        let summary = try await printer.print(
            events([.text("Answer", tokens: 1), .reasoning("afterthought"), .done(tokensUsed: 1, finishReason: "stop")]
            ),
            from: "m")
        #expect(status.text.isEmpty)
        #expect(summary.reasoning == "afterthought")
    }

    /// A clock a second later at every reading.
    private final class TickingClock: AishClock {
        private let start = ContinuousClock.now
        private let readings = LockedBox(0)
        var now: ContinuousClock.Instant {
            start
                + .seconds(
                    readings.withLock {
                        $0 += 1
                        return $0 - 1
                    })
        }
        var date: Date { Date(timeIntervalSince1970: 0) }
        func sleep(for duration: Duration) async throws {}
    }

    /// How long the model thought: from its first thinking to its answer's first text.
    @Test func theStatsSayHowLongTheModelThought() async throws {
        var printer = ReplyPrinter(output: MemorySink(), status: MemorySink(), showsSpinner: false)
        printer.clock = TickingClock()  // the start at 0, thinking at 1, text at 2, the end at 3
        let summary = try await printer.print(
            events([
                .reasoning("hmm"), .reasoning(" so"), .text("Yes", tokens: 1), .done(tokensUsed: 1, finishReason: nil),
            ]),
            from: "m")
        #expect(summary.thinkingSeconds == 1)
        #expect(summary.firstTokenSeconds == 2)
        #expect(
            StatusLine.describe(summary)
                == "1 tokens · 3.00 s · 0 tok/s · first token 2.00 s · thought 1.00 s · OpenAI SSE")
        #expect(ReplyJSON(summary, error: nil).encoded().contains(#""thinking_ms":1000"#))
    }

    @Test func aReplyThatEndsWhileThinkingClosesTheThinking() async throws {
        let status = MemorySink(isTerminal: true)
        var printer = ReplyPrinter(output: MemorySink(), status: status, showsSpinner: false)
        printer.thinking = ThinkingDisplay(dims: false)
        _ = try await printer.print(
            events([.reasoning("only thoughts"), .done(tokensUsed: nil, finishReason: "length")]), from: "m")
        #expect(status.text == "Thinking…\nonly thoughts\n…done thinking.\n\n")
    }

    /// Thinking counts against the reply's limit: an endless one cannot fill the memory.
    @Test func thinkingCountsAgainstTheReplyLimit() async {
        var printer = ReplyPrinter(output: MemorySink(), status: MemorySink(), showsSpinner: false)
        printer.maxReplyBytes = 10
        await #expect(throws: ReplyFailure.self) {
            _ = try await printer.print(
                events([.reasoning("0123456"), .reasoning("789abc"), .done(tokensUsed: nil, finishReason: "stop")]),
                from: "m")
        }
    }
}
