import HAL
import TIC

/// What happened to a meter's serial line, as the reader at the I/O edge reports it. The core only
/// records it (``MeterStatus/link``) and passes it on to observers: the line is not the core's to open.
public enum LinkEvent: Sendable, Hashable, CustomStringConvertible {
    /// The port opened (first time, or again after a loss) at `mode`'s speed.
    case opened(device: String, mode: TICMode, again: Bool)
    /// Auto-detection switched the line to `mode`'s speed and searches there.
    case searching(TICMode)
    /// Auto-detection locked: groups verify at this mode's speed.
    case modeDetected(TICMode)
    /// Auto-detection lost the locked mode.
    case modeLost(TICMode)
    /// No byte for this long (reported once per silence).
    case silence(Duration)
    /// The open port failed (dongle unplugged, hang-up); the reader reopens it with backoff.
    case disconnected(HardwareError)
    /// Opening failed; the next attempt comes after the delay.
    case openFailed(HardwareError, retryingIn: Duration)

    /// One line for a person: what happened, and what to do when it is a problem.
    public var description: String {
        switch self {
        case .opened(let device, let mode, let again):
            "\(again ? "reopened" : "opened") \(device) at \(mode.baudRate) Bd (\(mode))"
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
        case .opened, .searching, .modeDetected: false
        }
    }
}

/// The state of a meter's serial line, from the ``LinkEvent``s reported so far.
public struct LinkState: Sendable, Hashable {
    public enum Condition: Sendable, Hashable {
        /// Nothing reported yet (the first open is in progress, or there is no reader: simulate, demo).
        case unknown
        /// Open; bytes flow.
        case open
        /// Open, auto-detection searching at ``LinkState/mode``'s speed.
        case searching
        /// Open, but no byte for a while.
        case silent
        /// Not open: the last open failed or the device went away (being retried).
        case failed(HardwareError)
    }

    public var condition: Condition = .unknown
    /// The device path the port resolved to, once opened.
    public var device: String?
    /// The speed the line is read at (the TIC mode it implies).
    public var mode: TICMode?
    /// Controller time of the last change of ``condition``.
    public var since: Duration?

    public init() {}

    mutating func update(with event: LinkEvent, at now: Duration) {
        let before = condition
        switch event {
        case .opened(let device, let mode, _):
            self.device = device
            self.mode = mode
            condition = .open
        case .searching(let mode), .modeLost(let mode):
            self.mode = mode
            condition = .searching
        case .modeDetected(let mode):
            self.mode = mode
            condition = .open
        case .silence:
            condition = .silent
        case .disconnected(let error), .openFailed(let error, _):
            condition = .failed(error)
        }
        if condition != before { since = now }
    }
}
