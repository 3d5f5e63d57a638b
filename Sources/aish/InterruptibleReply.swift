import AishKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A one-shot reply that Ctrl-C stops without killing aish: the request is
/// cancelled, the text received so far stays on screen and in the session (marked
/// interrupted), and aish exits with 130.
enum InterruptibleReply {
    /// How the reply ended.
    enum Outcome: Sendable {
        case finished(ReplySummary)
        case failed(ReplyFailure)
        /// Ctrl-C; the summary holds what arrived.
        case interrupted(ReplySummary)
    }

    private enum Step: Sendable {
        case printed(Result<ReplySummary, ReplyFailure>)
        case interrupt
    }

    /// Prints `events` with `printer`; SIGINT is caught only while it does.
    static func print(
        _ printer: ReplyPrinter, _ events: AsyncThrowingStream<ChatEvent, any Error>, from id: String
    ) async -> Outcome {
        let interrupts = InterruptSignal()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { interrupts.interrupt() }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return await withTaskGroup(of: Step?.self) { group in
            group.addTask {
                do throws(ReplyFailure) {
                    return .printed(.success(try await printer.print(events, from: id)))
                } catch {
                    return .printed(.failure(error))
                }
            }
            group.addTask { await interrupts.wait() ? .interrupt : nil }
            var interrupted = false
            var outcome: Outcome?
            while let step = await group.next() {
                switch step {
                case .interrupt?:
                    interrupted = true
                    group.cancelAll()
                case .printed(.success(let summary))?:
                    outcome = .finished(summary)
                    group.cancelAll()
                case .printed(.failure(let failure))?:
                    outcome = interrupted ? .interrupted(failure.summary) : .failed(failure)
                    group.cancelAll()
                case nil:
                    break
                }
            }
            return outcome ?? .interrupted(ReplySummary(specialist: id))
        }
    }
}
