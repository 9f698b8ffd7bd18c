/// Which kinds of ``ControllerEvent`` a subscriber wants (``EventBroadcaster/subscribe(capacity:kinds:)``):
/// a subscriber is neither given nor woken for the others — the journal, for instance, is not woken
/// for every reading.
public struct EventKinds: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let valueChanged = EventKinds(rawValue: 1 << 0)
    public static let meterChanged = EventKinds(rawValue: 1 << 1)
    public static let switched = EventKinds(rawValue: 1 << 2)
    public static let signal = EventKinds(rawValue: 1 << 3)   // meterLost, meterBack
    public static let meterReset = EventKinds(rawValue: 1 << 4)
    public static let reload = EventKinds(rawValue: 1 << 5)   // reloaded, reloadRefused
    public static let lines = EventKinds(rawValue: 1 << 6)    // lineFailed, lineRecovered
    public static let link = EventKinds(rawValue: 1 << 7)
    public static let statistics = EventKinds(rawValue: 1 << 8)
    public static let stopped = EventKinds(rawValue: 1 << 9)

    public static let all = EventKinds(rawValue: 0x3FF)
    /// Everything but the readings and the statistics: what a log or an alert needs.
    public static let notable: EventKinds = [.switched, .signal, .meterReset, .reload, .lines, .link, .stopped]
}

extension ControllerEvent.Kind {
    /// This event's bit in ``EventKinds``.
    public var kinds: EventKinds {
        switch self {
        case .valueChanged: .valueChanged
        case .meterChanged: .meterChanged
        case .switched: .switched
        case .meterLost, .meterBack: .signal
        case .meterReset: .meterReset
        case .reloaded, .reloadRefused: .reload
        case .lineFailed, .lineRecovered: .lines
        case .link: .link
        case .statistics: .statistics
        case .stopped: .stopped
        }
    }
}
