import HAL
import TIC

/// Something the controller core did or saw, in the order it happened. Observers (journal, OLED,
/// history, web, exporters) receive every event in order (``EventBroadcaster``).
///
/// Two times: `at` is controller time (the monotonic time the caller passed in, `Duration` since the
/// core started: for intervals and timeouts); `time` is the wall clock (UTC) the caller last told the
/// core (``ControllerCore/setWallClock(_:at:)``) advanced by controller time since: what a history
/// stores. In a replay it is the meter's clock or the replay's start plus wire time.
public struct ControllerEvent: Sendable {
    public var at: Duration
    public var time: WallTime
    public var kind: Kind

    public init(at: Duration, time: WallTime = WallTime(millisecondsSince1970: 0), _ kind: Kind) {
        self.at = at
        self.time = time
        self.kind = kind
    }

    public enum Kind: Sendable {
        /// A verified group changed a value of the meter's state (nil label: a label the specification
        /// does not list). Cheap on purpose (it comes up to ~60 times a frame): the state itself comes
        /// with the frame's end (``meterChanged(meter:state:frameEnd:)``) and in the status.
        case valueChanged(meter: String, label: KnownLabel?)
        /// A frame ended: the meter's whole state, after the frame end cleared the warnings the frame no
        /// longer carries (tic-protocol.md §3). What a history records and a page shows.
        case meterChanged(meter: String, state: MeterState, frameEnd: FrameEnd)
        /// An output switched, and why.
        case switched(OutputChange)
        /// No valid group from the meter for longer than the signal-loss timeout: the outputs that
        /// depend on it are in their fail-safe states.
        case meterLost(meter: String)
        /// Valid groups again after a loss.
        case meterBack(meter: String)
        /// The meter's mode or address changed (another meter on the line, historic ↔ standard switch):
        /// its state started afresh. A history starts a new series here.
        case meterReset(meter: String, from: MeterIdentity, to: MeterIdentity)
        /// New rules are in force.
        case reloaded(ReloadSummary)
        /// A reload was refused; the old rules stay in force.
        case reloadRefused(problems: [String])
        /// Driving an output's line failed (retried at every evaluation).
        case lineFailed(output: String, error: HardwareError)
        /// A line that failed works again.
        case lineRecovered(output: String)
        /// Something happened to a meter's serial line.
        case link(meter: String, LinkEvent)
        /// A meter's decoder statistics, at every frame end.
        case statistics(meter: String, DecoderStatistics)
        /// The controller stopped: every output is in its fail-safe state. The last event.
        case stopped
    }
}

/// What identifies the meter a stream comes from: a change is a ``ControllerEvent/Kind/meterReset(meter:from:to:)``.
public struct MeterIdentity: Sendable, Hashable, CustomStringConvertible {
    public var mode: TICMode?
    /// ADCO / ADSC.
    public var address: String?

    public init(mode: TICMode?, address: String?) {
        self.mode = mode
        self.address = address
    }

    public var description: String { "\(address ?? "no address") (\(mode.map { "\($0)" } ?? "no mode"))" }
}

/// What a successful reload changed, for logs and the web page.
public struct ReloadSummary: Sendable, Hashable, CustomStringConvertible {
    public var rules: Int
    public var outputs: Int
    public var warnings: [String]

    public init(rules: Int, outputs: Int, warnings: [String] = []) {
        self.rules = rules
        self.outputs = outputs
        self.warnings = warnings
    }

    public var description: String { "\(rules) rules, \(outputs) outputs" + (warnings.isEmpty ? "" : ", \(warnings.count) warnings") }
}

/// The last reload's result, kept in the status until the next one.
public enum ReloadResult: Sendable {
    case applied(ReloadSummary, at: Duration)
    case refused(problems: [String], at: Duration)
}
