import NIOCore

/// Runs tasks on one NIO event loop: the clients' reading of replies, and the
/// PostgreSQL store's calls.
///
/// A task that reads a connection from elsewhere is woken on another thread for
/// every read, and wakes the event loop in turn to ask for the next one
/// (AsyncHTTPClient keeps one read in flight). Run on the loop that owns the
/// connection, it is resumed in place: the bytes are decoded where they were read,
/// and only the finished events cross to the printer's task.
///
/// Only for work that never blocks (decoding and handing on what was read, opening
/// the rows a query returned): while such a task runs, the loop reads nothing.
///
/// A caller elsewhere that sends from the loop (`withTaskExecutorPreference`) is back
/// where it was once the request returns (a test holds it), so nothing it does after
/// runs on the loop.
final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop the tasks run on.
    let eventLoop: any EventLoop

    /// An executor on one of `group`'s loops.
    init(_ group: any EventLoopGroup) { eventLoop = group.next() }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
