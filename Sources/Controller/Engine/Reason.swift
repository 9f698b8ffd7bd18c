import TIC

/// Why an output is in its state: shown in logs, `linkyd simulate`, the demo and the OLED.
public enum Reason: Sendable, Hashable, CustomStringConvertible {
    /// No rule holds: the output's declared `initial` state.
    case initial
    /// A rule holds (the later one in the file when several do).
    case rule(String)
    /// Load shedding switched the load off: the meter's power went above the limit.
    case shedding(meter: String, limit: VoltAmperes)
    /// The fail-safe state, overriding everything.
    case failsafe(FailsafeCause)

    public enum FailsafeCause: Sendable, Hashable, CustomStringConvertible {
        /// No valid frame from this meter for longer than the signal-loss timeout.
        case signalLost(meter: String)
        /// linkyd is stopping (SIGTERM, SIGINT).
        case stopping

        public var description: String {
            switch self {
            case .signalLost(let meter): "meter '\(meter)' signal lost"
            case .stopping: "linkyd stopping"
            }
        }
    }

    public var description: String {
        switch self {
        case .initial: "initial state (no rule holds)"
        case .rule(let name): "rule '\(name)'"
        case .shedding(let meter, let limit): "shedding: '\(meter)' above \(limit)"
        case .failsafe(let cause): "fail-safe: \(cause)"
        }
    }

    /// A short machine-friendly kind: `initial`, `rule`, `shedding`, `failsafe`.
    public var kind: String {
        switch self {
        case .initial: "initial"
        case .rule: "rule"
        case .shedding: "shedding"
        case .failsafe: "failsafe"
        }
    }
}
