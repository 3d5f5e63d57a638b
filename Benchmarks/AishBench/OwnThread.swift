import Foundation

/// Runs blocking work (spawn, `wait4`, `read`, semaphores) on a thread of its own,
/// so it never blocks Swift's cooperative pool, where the in-process mock server runs.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
