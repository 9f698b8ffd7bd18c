import TIC

/// What happened to a meter's serial line, as the reader at the I/O edge reports it
/// (``LinuxIO/SerialReader``), in order with the bytes. Problems are events, never thrown: the reader
/// reopens by itself, forever, until stopped. The controller core records them
/// (`MeterStatus.link`) and passes them on to observers: the line is not the core's to open.
public enum LinkEvent: Sendable, Hashable, CustomStringConvertible {
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

    /// One line for a person: what happened, and what to do when it is a problem.
    public var description: String {
        switch self {
        case .opened(let device, let mode): "opened \(device) at \(mode.baudRate) Bd (\(mode))"
        case .reopened(let device, let mode): "reopened \(device) at \(mode.baudRate) Bd (\(mode))"
        case .searching(let mode): "no valid group yet: trying \(mode) mode at \(mode.baudRate) Bd"
        case .modeDetected(let mode): "meter found in \(mode) mode (\(mode.baudRate) Bd)"
        case .modeLost(let mode): "lost the \(mode) mode signal: searching again"
        case .silence(let duration): "no byte for \(duration.readable): is the meter connected (TIC terminals I1/I2)?"
        case .disconnected(let error): "device lost: \(error)"
        case .openFailed(let error, let delay): "cannot open, retrying in \(delay.readable): \(error)"
        }
    }

    /// Whether it is a problem a person should look at (journal priority).
    public var isProblem: Bool {
        switch self {
        case .disconnected, .openFailed, .silence, .modeLost: true
        case .opened, .reopened, .searching, .modeDetected: false
        }
    }
}
