import TIC

/// A condition on one meter's ``MeterState``: the leaves of ``Condition/meter(_:meter:)``. Names are
/// those `linkyd decode` prints.
public enum MeterTest: Sendable, Hashable {
    /// The period in force is one of these (`period: hc`, `period: [hp-white, hp-red]`).
    case period(Set<TariffPeriod>)
    /// Today's Tempo colour is one of these (`tempo-today: red`).
    case tempoToday(Set<TempoColor>)
    /// Tomorrow's announced Tempo colour is one of these (`tempo-tomorrow: [white, red]`).
    case tempoTomorrow(Set<TempoColor>)
    /// An EJP notice is (or is not) in progress (`ejp-notice: true`).
    case ejpNotice(Bool)
    /// An EJP peak (pointe mobile) is (or is not) in progress (`ejp-peak: true`).
    case ejpPeak(Bool)
    /// Relay N (1…8) of `RELAIS` is closed / open (`relay-2: closed`).
    case relay(Int, closed: Bool)
    /// The dry contact (STGE bit 0) is closed / open (`dry-contact: closed`).
    case dryContact(closed: Bool)
    /// The overpower warning (ADPS, ADIR, STGE bit 7) is (or is not) present (`overpower: true`).
    case overpower(Bool)
    /// Apparent power withdrawn (`apparent-power: { above: 6 kVA }`).
    case apparentPower(Bounds<PowerLevel>)
    /// Apparent power injected (`injected-power: { above: 500 VA }`).
    case injectedPower(Bounds<PowerLevel>)
    /// The highest phase current (`current: { above: 25 A }`).
    case current(Bounds<CurrentLevel>)

    /// The key rules files write (``ConditionKind/all`` is the one place keys are written).
    public var key: String { ConditionKind.kind(of: self)?.kind.key ?? "" }
}
