import Glibc
import Synchronization
import TIC

/// What a ``SerialReading`` shares with its thread: the consumer behind a gate, the wake signal, and
/// the end of the thread.
///
/// The gate makes ``SerialReading/stop()`` a clean cut: every consumer call runs with the gate held
/// and only if the signal is not raised; a stop from another thread raises the signal with the gate
/// held (so it waits for a call in progress, never for `open(2)` or a read), then the consumer is
/// released. A stop from the reader's own thread (inside a consumer call, which holds the gate) only
/// raises the signal.
final class SerialDelivery: Sendable {
    private struct Completion {
        var finished = false
        var nextWaiter = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    }

    let reader: SerialReader
    let signal = WakeSignal()
    /// The consumer; nil once stopped (which breaks a consumer ↔ handle reference cycle).
    private let gate: Mutex<(any SerialConsumer)?>
    /// `pthread_self()` of the reading thread (0 until it started).
    private let readerThread = Atomic<UInt>(0)
    private let completion = Mutex(Completion())

    init(reader: SerialReader, consumer: any SerialConsumer) {
        self.reader = reader
        self.gate = Mutex(consumer)
    }

    /// Called first thing on the reading thread.
    func enterReaderThread() {
        readerThread.store(UInt(pthread_self()), ordering: .releasing)
    }

    private var isOnReaderThread: Bool {
        readerThread.load(ordering: .acquiring) == UInt(pthread_self())
    }

    /// Tells the consumer its thread started (``SerialConsumer/serialReaderStarted(_:)``), through the
    /// gate like every call: not once stopped.
    func started() {
        let reader = self.reader
        gate.withLock { consumer in
            guard let consumer, !signal.isRaised else { return }
            consumer.serialReaderStarted(reader)
        }
    }

    /// Hands `bytes` to the consumer; nil, and nothing delivered, once stopped.
    func deliver(_ bytes: UnsafeRawBufferPointer) -> DecoderStatistics? {
        let reader = self.reader
        return gate.withLock { consumer -> DecoderStatistics? in
            guard let consumer, !signal.isRaised else { return nil }
            return consumer.serialReader(reader, received: bytes)
        }
    }

    /// Hands `event` to the consumer; false, and nothing delivered, once stopped.
    @discardableResult
    func report(_ event: SerialReader.LinkEvent) -> Bool {
        let reader = self.reader
        return gate.withLock { consumer -> Bool in
            guard let consumer, !signal.isRaised else { return false }
            consumer.serialReader(reader, didReport: event)
            return true
        }
    }

    /// See ``SerialReading/stop()``.
    func stop() {
        if isOnReaderThread {
            signal.raise()
            return
        }
        let released = gate.withLock { consumer -> (any SerialConsumer)? in
            signal.raise()
            defer { consumer = nil }
            return consumer
        }
        _ = released  // the consumer's last reference may go here, outside the gate
    }

    /// Called last on the reading thread, once the port is closed.
    func finish() {
        let released = gate.withLock { consumer -> (any SerialConsumer)? in
            defer { consumer = nil }
            return consumer
        }
        _ = released
        let waiters = completion.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.finished = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    var isFinished: Bool { completion.withLock { $0.finished } }

    /// See ``SerialReading/finished()``.
    func finished() async {
        let id = completion.withLock { state -> Int in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = completion.withLock { state -> Bool in
                    if state.finished || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            completion.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
