/// The scenario scripts: a meter configuration and a list of steps each (see ``ScenarioStep``).
/// Step times are seconds after local midnight of the first day: `t(22)` is 22:00, `t(30)` 06:00
/// the next day.
extension MeterSimulator {
    struct Script {
        var meter: SimulatedMeter
        var steps: [ScenarioStep]
    }

    static func script(for scenario: MeterScenario, generator: inout SeededGenerator) -> Script {
        switch scenario {
        case .tempoBlueToRed: tempo(mode: .historic, generator: &generator)
        case .tempoBlueToRedStandard: tempo(mode: .standard, generator: &generator)
        case .ejpNoticeThenPeak: ejp(generator: &generator)
        case .offPeakSwitches: offPeak(mode: .historic, generator: &generator)
        case .offPeakSwitchesStandard: offPeak(mode: .standard, generator: &generator)
        case .overpower: overpower(mode: .historic, generator: &generator)
        case .overpowerStandard: overpower(mode: .standard, generator: &generator)
        case .threePhase: threePhaseHistoric(generator: &generator)
        case .threePhaseStandard: threePhaseStandard(generator: &generator)
        case .producer: producer(generator: &generator)
        }
    }

    /// Seconds after midnight of the first day.
    static func t(_ hours: Int64, _ minutes: Int64 = 0) -> Int64 { hours * 3600 + minutes * 60 }

    /// A meter whose clock starts at the first step of the script.
    static func meter(
        _ mode: TICMode, phases: Int = 1, contract: SimulatedMeter.Contract, producer: Bool = false, kVA: Int,
        load: [Int], day: MeterClock, start: Int64, generator: inout SeededGenerator
    ) -> SimulatedMeter {
        SimulatedMeter(mode: mode, phases: phases, contract: contract, isProducer: producer, subscribedKVA: kVA,
                       baseLoad: load, clock: day.adding(seconds: start), generator: &generator)
    }

    /// "1 850 VA" style: thousands separated by a space, as French displays do.
    static func va(_ value: Int) -> String {
        value >= 1000 ? "\(value / 1000) \(SimulatedMeter.digits(value % 1000, 3)) VA" : "\(value) VA"
    }
}
