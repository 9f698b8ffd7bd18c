import TIC

extension SerialReader {
    /// Tuning; the defaults suit a real meter.
    public struct Options: Sendable, Hashable {
        /// No byte for this long is reported as ``LinkEvent/silence(_:)`` (a meter sends continuously).
        public var silenceTimeout: Duration = .seconds(5)
        /// First delay before reopening; doubles after each failure.
        public var initialRetryDelay: Duration = .milliseconds(500)
        /// Cap of the reopening delay.
        public var maximumRetryDelay: Duration = .seconds(30)
        /// Auto-detection thresholds.
        public var detector = ModeDetector.Configuration()
        /// How often auto-detection is fed what the consumer's decoder counted.
        public var observationInterval: Duration = .milliseconds(250)
        /// Largest read, in bytes: one consumer call gets at most this many.
        public var chunkSize = 512
        /// Read coalescing: after a read that emptied the kernel's buffer, the reader waits this long
        /// (counted from that read) before reading again, so one consumer call gets the bytes of a
        /// whole window instead of one or two. It bounds both the call rate, at most one call per
        /// window on a steady line (35 ms: ≤ 29 calls/s at 9600 Bd, ~34 bytes each), and the delay a
        /// byte waits in the kernel before it is delivered (at most the window, plus scheduling).
        /// A read that filled the buffer (a burst) is followed by the next read at once. The wait
        /// watches the stop signal only: stopping is still immediate. `.zero` disables coalescing.
        ///
        /// Bytes that cannot complete a group (no CR, ETX or EOT; ``GroupEndScanner``) are held and
        /// delivered with the next read that can, when the line pauses for a window, or when they fill
        /// half of ``chunkSize``: the consumer gets whole groups (at 1200 Bd about one call per group
        /// instead of one per ~4 bytes), and a decision, which only a group's end can bring, is not
        /// delayed.
        public var coalescingWindow: Duration = .milliseconds(35)

        public init() {}
    }
}
