import TIC

/// When a rule holds: the compiled form of a `when:` block.
///
/// In the file, a mapping with several keys means all of them (`{ period: hc, days: weekdays }`);
/// `meter:` in a mapping names the meter of every meter test in it and below; `for:` wraps the
/// mapping's condition in ``sustained(_:for:)``. The compiler always fills the meter name in, even
/// when the file declares a single meter and omits it.
public indirect enum Condition: Sendable, Hashable {
    /// A test on one meter's state (`period`, `tempo-today`, `apparent-power`…).
    case meter(MeterTest, meter: String)
    /// A local time window (`time: 22:30-06:30`), possibly crossing midnight.
    case time(TimeWindow)
    /// Local days of the week (`days: [sat, sun]`, `days: weekdays`).
    case days(Set<Weekday>)
    /// The current state of another output (`output: { water-heater: on }`).
    case output(String, is: OutputState)
    /// Every condition holds (`all: [...]`, or several keys in one mapping). Never empty.
    case all([Condition])
    /// At least one condition holds (`any: [...]`). Never empty.
    case any([Condition])
    /// The condition does not hold (`not: {...}`).
    case not(Condition)
    /// The condition has held without interruption for at least the duration (`for: 30 s`). The
    /// engine keeps the time it started holding.
    case sustained(Condition, for: Duration)

    /// The meters this condition reads.
    public var meterNames: Set<String> {
        switch self {
        case .meter(_, let meter): [meter]
        case .time, .days, .output: []
        case .all(let conditions), .any(let conditions): conditions.reduce(into: []) { $0.formUnion($1.meterNames) }
        case .not(let condition), .sustained(let condition, _): condition.meterNames
        }
    }
}
