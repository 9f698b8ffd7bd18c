import TIC

/// Why an output is in its state: shown in logs, `linkyd simulate`, the demo and the OLED.
public enum Reason: Sendable, Hashable, CustomStringConvertible {
    /// No rule holds: the output's declared `initial` state.
    case initial
    /// A rule holds (the later one in the file when several do).
    case rule(String)
    /// Load shedding switched the load off: the meter's power went above the limit, or the meter
    /// itself warned of overpower.
    case shedding(meter: String, cause: SheddingCause)
    /// The fail-safe state, overriding everything.
    case failsafe(FailsafeCause)

    public enum SheddingCause: Sendable, Hashable, CustomStringConvertible {
        /// The apparent power went above the limit (resolved in VA).
        case above(limit: VoltAmperes)
        /// The meter warned of overpower (historic ADPS / ADIR1-3, standard STGE bit 7).
        case overpowerWarning

        public var description: String {
            switch self {
            case .above(let limit): "above \(limit)"
            case .overpowerWarning: "overpower warning from the meter"
            }
        }
    }

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
        case .shedding(let meter, let cause): "shedding: '\(meter)' \(cause)"
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
