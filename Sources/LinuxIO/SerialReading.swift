/// A running ``SerialReader/start(delivering:)``: the handle that stops it.
///
/// Dropping the last reference to it stops the reading, as ``stop()`` does.
public final class SerialReading: Sendable {
    let delivery: SerialDelivery

    init(_ delivery: SerialDelivery) {
        self.delivery = delivery
    }

    deinit {
        delivery.stop()
    }

    /// Stops reading. Returns at once, even while the thread is blocked in `open(2)` (a slow USB or
    /// Bluetooth device) or waiting to reopen: it only raises the thread's wake signal; the thread
    /// closes the port and ends on its own afterwards (see ``finished()``).
    ///
    /// After it returns the consumer receives nothing more. If a consumer call is under way on the
    /// reader's thread, it waits for that call to return (so do not call it while holding a lock
    /// that the consumer takes); called from inside the consumer, it returns at once and the call
    /// in progress is the last one. Idempotent; callable from any thread.
    public func stop() {
        delivery.stop()
    }

    /// Whether ``stop()`` was called.
    public var isStopped: Bool { delivery.signal.isRaised }

    /// Suspends until the reading thread has closed the port and ended: for tests and orderly exits.
    /// It does not stop the reading (call ``stop()`` first). Returns early if the calling task is
    /// cancelled.
    public func finished() async {
        await delivery.finished()
    }

    /// Whether the thread has closed the port and ended.
    public var isFinished: Bool { delivery.isFinished }
}
