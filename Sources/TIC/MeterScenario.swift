/// The simulated meter's scenarios: situations a user recognises, each with a stable name for
/// `linkyd demo --scenario NAME` and a TIC mode. Scripts are in `MeterSimulator+…Scenarios.swift`.
public enum MeterScenario: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Historic Tempo: a blue day, DEMAIN `----` → `ROUG` in the evening, then a red day (§7.2).
    case tempoBlueToRed = "tempo-blue-to-red"
    /// The same in standard mode: STGE colour bits 24-27, NTARF 1…6, LTARF texts, DPM1/FPM1.
    case tempoBlueToRedStandard = "tempo-blue-to-red-standard"
    /// Historic EJP: PTEC `HN..`, PEJP `30` during the 30-minute notice, then PTEC `PM..` (§7.1).
    case ejpNoticeThenPeak = "ejp-notice-then-peak"
    /// Historic `HC..` option: PTEC `HP..` ↔ `HC..` at 22:00 and 06:00, water heater on in HC.
    case offPeakSwitches = "off-peak-switches"
    /// The same in standard mode: NTARF 02 ↔ 01, LTARF, dry contact and RELAIS follow HC.
    case offPeakSwitchesStandard = "off-peak-switches-standard"
    /// Historic single-phase: PAPP/IINST rise to the subscribed limit, ADPS while IINST > ISOUSC.
    case overpower = "overpower"
    /// Standard single-phase: SINSTS rises past PREF, STGE bit 7 set meanwhile.
    case overpowerStandard = "overpower-standard"
    /// Historic three-phase: IINST1-3, IMAX1-3, PMAX, PPOT, and a burst of short frames
    /// (ADIR1-3, ADCO, IINST1-3: 20 short then 1 long) during a phase overcurrent (§3.1).
    case threePhase = "three-phase"
    /// Standard three-phase: IRMS1-3, URMS1-3, SINSTS1-3, per-phase maxima and mean voltages.
    case threePhaseStandard = "three-phase-standard"
    /// Standard single-phase producer: EAIT, ERQ1-4, SINSTI, SMAXIN, CCAIN, STGE bits 8 and 9.
    case producer = "producer"

    /// The name used on the command line.
    public var name: String { rawValue }

    /// The scenario named `name`, if any.
    public init?(name: String) { self.init(rawValue: name) }

    public var mode: TICMode {
        switch self {
        case .tempoBlueToRed, .ejpNoticeThenPeak, .offPeakSwitches, .overpower, .threePhase: .historic
        case .tempoBlueToRedStandard, .offPeakSwitchesStandard, .overpowerStandard, .threePhaseStandard,
             .producer: .standard
        }
    }

    /// One line for `--help` and the demo's banner.
    public var summary: String {
        switch self {
        case .tempoBlueToRed: "Tempo (historic): blue day, red announced in the evening, then a red day"
        case .tempoBlueToRedStandard: "Tempo (standard): blue day, red announced, red day with a mobile peak"
        case .ejpNoticeThenPeak: "EJP (historic): normal hours, 30-minute notice, mobile peak"
        case .offPeakSwitches: "Off-peak hours (historic HC..): peak/off-peak switches, water heater"
        case .offPeakSwitchesStandard: "Off-peak hours (standard): NTARF/LTARF switches, dry contact"
        case .overpower: "Overpower (historic single-phase): PAPP rising, ADPS above ISOUSC"
        case .overpowerStandard: "Overpower (standard single-phase): SINSTS above PREF, STGE bit 7"
        case .threePhase: "Three-phase (historic): phase overcurrent and short-frame burst"
        case .threePhaseStandard: "Three-phase (standard): unbalanced phases, heat pump and oven"
        case .producer: "Producer (standard): solar injection through the day, EAIT and SINSTI"
        }
    }

    public var description: String { rawValue }

    /// All frames of the scenario with `seed` (a few hundred at most).
    public func frames(seed: UInt64 = 1) -> [SimulatedFrame] {
        var simulator = MeterSimulator(scenario: self, seed: seed)
        var frames: [SimulatedFrame] = []
        while let frame = simulator.nextFrame() { frames.append(frame) }
        return frames
    }
}
