import HAL
import TIC

extension SerialReader {
    /// Which TIC mode, hence which speed, the reader uses.
    public enum ModeSetting: String, Sendable, Hashable, CaseIterable {
        /// Detect it: alternate 1200 ↔ 9600 Bd until groups verify (``ModeDetector``).
        case auto
        /// 1200 Bd.
        case historic
        /// 9600 Bd.
        case standard

        /// The mode to use from the start, nil for ``auto``.
        public var fixedMode: TICMode? {
            switch self {
            case .auto: nil
            case .historic: .historic
            case .standard: .standard
            }
        }
    }

    /// What the reader reports, in order. Problems are events, never thrown: the stream only ends
    /// when its consumer stops (task cancelled, iterator dropped).
    public enum Event: Sendable, Hashable {
        /// The port opened for the first time, with the line at `mode`'s speed.
        case opened(device: String, mode: TICMode)
        /// The port opened again after ``disconnected(_:)`` or ``openFailed(_:retryingIn:)``.
        case reopened(device: String, mode: TICMode)
        /// Bytes as received, in order (bit 7 cleared in ``SerialParity/none8N1MaskBit7`` mode).
        /// Bytes received just before a speed change may be garbage: the decoder rejects them.
        case bytes([UInt8])
        /// Auto-detection switched the line to `mode`'s speed and searches there.
        case searching(TICMode)
        /// Auto-detection locked: groups verify at this mode's speed.
        case modeDetected(TICMode)
        /// Auto-detection lost the locked mode (traffic but no verified group for a long time).
        case modeLost(TICMode)
        /// No byte for this long (the configured silence timeout); reported once per silence, which
        /// ends with the next ``bytes(_:)``.
        case silence(Duration)
        /// The open port failed (device unplugged, hung up); it is reopened with backoff.
        case disconnected(HardwareError)
        /// Opening failed; the next attempt comes after the delay (doubling up to the maximum).
        case openFailed(HardwareError, retryingIn: Duration)
    }

    /// Tuning; the defaults suit a real meter.
    public struct Options: Sendable, Hashable {
        /// No byte for this long is reported as ``Event/silence(_:)`` (a meter sends continuously).
        public var silenceTimeout: Duration = .seconds(5)
        /// First delay before reopening; doubles after each failure.
        public var initialRetryDelay: Duration = .milliseconds(500)
        /// Cap of the reopening delay.
        public var maximumRetryDelay: Duration = .seconds(30)
        /// Auto-detection thresholds.
        public var detector = ModeDetector.Configuration()
        /// How often auto-detection is fed what the reader's own decoder counted.
        public var observationInterval: Duration = .milliseconds(250)
        /// Largest read, in bytes.
        public var chunkSize = 512
        /// Events kept for a slow consumer; beyond that the oldest are dropped.
        public var bufferedEvents = 4096

        public init() {}
    }
}
