import HAL
import TIC

/// The long-running reader of a TIC serial line: it opens the port, reads it on a thread of its own
/// and hands every byte, and what happens to the line, to a ``SerialConsumer``, synchronously.
///
/// ```swift
/// let reading = SerialReader(path: "/dev/serial/by-id/usb-…", mode: .auto).start(delivering: meter)
/// …
/// reading.stop()
/// ```
///
/// - Each ``start(delivering:)`` opens the port and reads it on its own detached thread, blocked in
///   `poll(2)`: the cooperative pool is never blocked, neither by reads nor by a slow `open(2)`.
/// - Nothing is dropped: the consumer is called on the reader's thread and the next read waits until
///   it returns (backpressure into the kernel's tty buffer). Reads are coalesced
///   (``Options/coalescingWindow``): on a steady line at most one call per window, and bytes are held
///   until one that can complete a group arrives (``GroupEndScanner``), so each group's last byte is
///   delivered within about a window of its arrival, the bytes before it with it.
/// - A port that cannot be opened or goes away (USB dongle unplugged, hang-up) is reported
///   (``LinkEvent/openFailed(_:retryingIn:)``, ``LinkEvent/disconnected(_:)``) and reopened with
///   exponential backoff (``Options/initialRetryDelay`` doubling to ``Options/maximumRetryDelay``),
///   forever.
/// - With ``TICModeSetting/auto`` the reader feeds a ``ModeDetector``, every ``Options/observationInterval``,
///   with the growth of the ``DecoderStatistics`` the consumer returns (its own decoder: no second
///   decoding), and changes the speed in place as it decides. The consumer's decoder needs no other
///   feedback: the TIC decoder is mode-agnostic (the separator tells), and rejects what the line
///   brought around a speed change. After a reconnection the search starts at the last detected mode.
public struct SerialReader: Sendable {
    /// Opens the port at a speed: ``SerialPort/init(path:baudRate:parity:)``; tests inject slow or
    /// failing opens.
    typealias PortOpener = @Sendable (_ path: String, _ baudRate: Int, _ parity: SerialParity)
        throws(HardwareError) -> SerialPort

    public let path: String
    public let mode: TICModeSetting
    public let parity: SerialParity
    public let options: Options
    /// How the read loop opens the port (production: ``SerialPort/init(path:baudRate:parity:)``).
    let openPort: PortOpener

    public init(
        path: String, mode: TICModeSetting = .auto, parity: SerialParity = .even7E1, options: Options = Options()
    ) {
        self.init(path: path, mode: mode, parity: parity, options: options) { path, baudRate, parity throws(HardwareError) in
            try SerialPort(path: path, baudRate: baudRate, parity: parity)
        }
    }

    /// A reader that opens its port with `openPort` (tests: an `open(2)` that blocks).
    init(path: String, mode: TICModeSetting, parity: SerialParity, options: Options, openPort: @escaping PortOpener) {
        self.path = path
        self.mode = mode
        self.parity = parity
        self.options = options
        self.openPort = openPort
    }

    /// Starts the reading thread and returns at once; `consumer` receives the bytes and link events
    /// on that thread until ``SerialReading/stop()``. Keep the returned handle: dropping its last
    /// reference stops the reading too.
    public func start(delivering consumer: some SerialConsumer) -> SerialReading {
        let delivery = SerialDelivery(reader: self, consumer: consumer)
        let reader = self
        // The closures hold the delivery only (never the consumer: a stop releases it even while the
        // thread is stuck in open(2)).
        let body: @Sendable (_ ownThread: Bool) -> Void = { ownThread in
            delivery.enterReaderThread()
            // A thread of its own gets what the consumer asks (a priority); a pool thread must not.
            if ownThread { delivery.started() }
            var loop = SerialReadLoop(reader: reader, delivery: delivery)
            loop.run()
            delivery.finish()
        }
        if !DetachedThread.start({ body(true) }) {
            // No thread to be had: read on the pool rather than not at all.
            Task.detached { body(false) }
        }
        return SerialReading(delivery)
    }
}
