import HAL
import Synchronization
import TIC

/// The OLED as the controller uses it: it never throws and never stops the controller.
///
/// `show` opens the bus and initialises the panel when needed, sends the frame (only what changed),
/// applies the contrast of the time of day and the rotation; on a failure it drops the bus, reports
/// the error once through `onEvent` (with the `HardwareError`'s hint: I2C enabled? address? group
/// 'i2c'?) and tries again later (``PanelRetry``). The caller logs the events.
///
/// ```swift
/// let panel = OLEDPanel(size: .size128x64, open: { () throws(HardwareError) in
///     try I2CDevice(path: "/dev/i2c-1")
/// }, onEvent: { event in logger.warning("\(event)") })
/// panel.show(Dashboard.render(status, size: .size128x64, settings: settings, cycle: cycle),
///            settings: settings, localTime: status.localTime, at: .now)
/// ```
public final class OLEDPanel<Bus: I2CBus>: Sendable {
    /// What a person should know about the panel.
    public enum Event: Sendable, Hashable, CustomStringConvertible {
        /// The panel could not be opened, initialised or written (reported once per distinct error).
        case unavailable(HardwareError)
        /// The panel works again after failures.
        case recovered

        public var description: String {
            switch self {
            case .unavailable(let error): "OLED display unavailable, retrying in the background: \(error)"
            case .recovered: "OLED display back"
            }
        }
    }

    public let size: PanelSize
    public let address: I2CAddress
    private let open: @Sendable () throws(HardwareError) -> Bus
    private let onEvent: @Sendable (Event) -> Void
    private struct State: Sendable {
        var driver: SSD1306<Bus>?
        var retry: PanelRetry
    }
    private let state: Mutex<State>

    public init(
        size: PanelSize, address: I2CAddress = .ssd1306, retry: PanelRetry = PanelRetry(),
        open: @escaping @Sendable () throws(HardwareError) -> Bus,
        onEvent: @escaping @Sendable (Event) -> Void = { _ in }
    ) {
        self.size = size
        self.address = address
        self.open = open
        self.onEvent = onEvent
        state = Mutex(State(retry: retry))
    }

    /// Shows `frame` if the panel can be reached at `now`; returns whether it was shown.
    @discardableResult
    public func show(_ frame: Framebuffer, settings: DisplaySettings, localTime: TimeOfDay, at now: ContinuousClock.Instant) -> Bool {
        let (shown, event): (Bool, Event?) = state.withLock { state in
            guard state.retry.shouldAttempt(at: now) else { return (false, nil) }
            do throws(HardwareError) {
                var driver: SSD1306<Bus>
                if let current = state.driver {
                    driver = current
                } else {
                    driver = SSD1306(bus: try open(), address: address, size: size)
                }
                if !driver.isOn {
                    try driver.start(contrast: settings.contrast(at: localTime), rotated180: settings.rotated180)
                }
                try driver.setContrast(settings.contrast(at: localTime))
                try driver.setRotated180(settings.rotated180)
                try driver.show(frame)
                state.driver = driver
                return (true, state.retry.succeeded() ? .recovered : nil)
            } catch {
                state.driver = nil
                return (false, state.retry.failed(error, at: now) ? .unavailable(error) : nil)
            }
        }
        if let event { onEvent(event) }
        return shown
    }

    /// Switches the panel off (shutdown); errors are ignored, the panel may be gone already.
    public func shutdown() {
        state.withLock { state in
            try? state.driver?.displayOff()
            state.driver = nil
        }
    }

    /// The error that keeps the panel unavailable, if any (for `linkyd status`, the web page).
    public var lastError: HardwareError? { state.withLock { $0.retry.lastError } }

    /// Whether the panel was initialised and is showing frames.
    public var isShowing: Bool { state.withLock { $0.driver?.isOn == true } }
}
