import Foundation

/// Runs `body`, which blocks (reading a pipe, waiting for a process or for a
/// database lock), on a thread of its own: on Linux, Swift concurrency runs on a
/// pool of as many threads as cores (two here), and a blocking call there starves
/// every other test's awaits in the process, the mock servers they run in-process
/// included.
public func onThreadOfItsOwn<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

/// As ``onThreadOfItsOwn(_:)-(()->T)``, for a `body` that may throw.
public func onThreadOfItsOwn<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await onThreadOfItsOwn { Result { try body() } }.get()
}
