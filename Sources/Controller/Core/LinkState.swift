import HAL
import TIC

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
        case .opened(let device, let mode), .reopened(let device, let mode):
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
