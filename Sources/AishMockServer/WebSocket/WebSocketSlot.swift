import HummingbirdWebSocket
import Synchronization

/// Where a request context keeps its WebSocket handler reference, so that it can let
/// go of it once the connection is upgraded.
///
/// Hummingbird's router stores the context *inside* the context's own handler
/// reference (`context.webSocket.handler = (context, handler)`) and never clears it: a
/// reference cycle that kept every upgraded connection's context, and through it the
/// channel, alive after the connection closed (about 5 KB each). The slot holds the
/// reference until ``release()``, which the WebSocket route calls as the connection
/// starts; from then on nothing refers to the cycle and it is freed.
final class WebSocketSlot: Sendable {
    private let reference = Mutex<WebSocketHandlerReference<MockRequestContext>?>(.init())
    private let tracker = Mutex<WebSocketSlotTracker?>(nil)

    /// The handler reference; a fresh, empty one once released.
    var handlerReference: WebSocketHandlerReference<MockRequestContext> {
        reference.withLock { $0 ?? .init() }
    }

    /// Drops the handler reference (and with it the cycle through the context), and
    /// counts this slot in `tracker` until it is freed.
    func release(countedIn tracker: WebSocketSlotTracker) {
        reference.withLock { $0 = nil }
        tracker.add()
        self.tracker.withLock { $0 = tracker }
    }

    deinit {
        tracker.withLock { $0 }?.remove()
    }
}

/// Counts the contexts of upgraded WebSocket connections still in memory: once the
/// connections have closed and the server has stopped, it must be back at zero.
final class WebSocketSlotTracker: Sendable {
    private let count = Mutex(0)

    /// How many are alive.
    var alive: Int { count.withLock { $0 } }

    fileprivate func add() { count.withLock { $0 += 1 } }
    fileprivate func remove() { count.withLock { $0 -= 1 } }
}
