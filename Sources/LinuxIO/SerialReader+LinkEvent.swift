import HAL
import TIC

extension SerialReader {
    /// What happened to the line, reported to ``SerialConsumer/serialReader(_:didReport:)`` in order
    /// with the bytes. Problems are events, never thrown: the reader reopens by itself, forever, until
    /// stopped.
    public enum LinkEvent: Sendable, Hashable {
        /// The port opened for the first time, with the line at `mode`'s speed.
        case opened(device: String, mode: TICMode)
        /// The port opened again after ``disconnected(_:)`` or ``openFailed(_:retryingIn:)``.
        case reopened(device: String, mode: TICMode)
        /// Auto-detection switched the line to `mode`'s speed and searches there. Bytes received
        /// just before the change may be garbage: the decoder rejects them.
        case searching(TICMode)
        /// Auto-detection locked: groups verify at this mode's speed.
        case modeDetected(TICMode)
        /// Auto-detection lost the locked mode (traffic but no verified group for a long time).
        case modeLost(TICMode)
        /// No byte for this long (the configured silence timeout); reported once per silence, which
        /// ends with the next bytes.
        case silence(Duration)
        /// The open port failed (device unplugged, hung up); it is reopened with backoff.
        case disconnected(HardwareError)
        /// Opening failed; the next attempt comes after the delay (doubling up to the maximum).
        case openFailed(HardwareError, retryingIn: Duration)
    }
}
