import TIC

/// Everything the OLED shows, as one value the controller fills at each update. Drawing it is a pure
/// function (``Dashboard/render(_:size:settings:cycle:)``): no clock reads, no I/O.
public struct DisplayStatus: Sendable, Hashable {
    /// One meter: its name from the rules file, what it said, and whether it is still talking.
    public struct Meter: Sendable, Hashable {
        public var name: String
        public var state: MeterState
        public var signal: Signal

        public init(name: String, state: MeterState, signal: Signal = .ok) {
            self.name = name
            self.state = state
            self.signal = signal
        }
    }

    /// The state of a meter's TIC signal, as the controller's signal-loss timeout decides it.
    public enum Signal: Sendable, Hashable {
        /// Valid frames arrive.
        case ok
        /// Nothing valid received since linkyd started.
        case waiting
        /// No valid frame for this long (a monotonic duration, drawn as "depuis 12 min").
        case lost(since: Duration)

        public var isOK: Bool { self == .ok }
    }

    /// Why an output is in its state, as the controller's decision says.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// A rule (or no rule: the output's default) put it there.
        case rule
        /// Load shedding switched it off.
        case shedding
        /// The meter signal is lost: the output is in its declared fail-safe state.
        case failsafe
    }

    /// One output (relay, LED) and its logical state.
    public struct Output: Sendable, Hashable {
        public var name: String
        public var isOn: Bool
        public var reason: Reason

        public init(name: String, isOn: Bool, reason: Reason = .rule) {
            self.name = name
            self.isOn = isOn
            self.reason = reason
        }

        /// Switched off by load shedding.
        public var isShed: Bool { reason == .shedding && !isOn }
    }

    /// In rules-file order; the first is the main meter (the one a 128x32 panel shows first).
    public var meters: [Meter]
    /// In rules-file order.
    public var outputs: [Output]
    /// Extra alerts from the controller, shown as they are (e.g. "sortie pompe : GPIO occupé").
    public var messages: [String]
    /// The last rules-file reload failed: its first diagnostic, one line (the old rules stay in force).
    public var reloadError: String?
    /// The local wall-clock time, for the corner clock and night dimming.
    public var localTime: TimeOfDay

    public init(
        meters: [Meter], outputs: [Output] = [], messages: [String] = [], reloadError: String? = nil,
        localTime: TimeOfDay
    ) {
        self.meters = meters
        self.outputs = outputs
        self.messages = messages
        self.reloadError = reloadError
        self.localTime = localTime
    }

    /// The outputs load shedding switched off, in order.
    public var shedOutputs: [Output] { outputs.filter(\.isShed) }
}
