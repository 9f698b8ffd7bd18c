/// The state of a simulated meter: contract, clock, loads and every counter its frames report.
/// ``MeterSimulator`` drives it through a scenario; the `+Historic` / `+Standard` extensions write
/// its frames with the label sets of tic-protocol.md §3 and §4, in specification order.
///
/// Physics, kept simple but consistent: loads are resistive (cos φ = 1), so the active power in W
/// equals the apparent power in VA; every energy index grows by exactly power × time (integrated
/// to the nanosecond, carried remainders, see `+Physics`); maxima, load-curve points and mean
/// voltages follow the clock.
public struct SimulatedMeter: Sendable {
    /// The supply contract, which decides the indexes and tariff periods (tic-protocol.md §3, §7).
    public enum Contract: String, Sendable, Hashable {
        case base, offPeak, ejp, tempo
    }

    /// A Tempo day colour, coded as in STGE bits 24-27 (tic-protocol.md §5).
    public enum TempoColour: UInt32, Sendable, Hashable {
        case unknown = 0, blue = 1, white = 2, red = 3
    }

    /// A mobile-peak period (DPM1 / FPM1, STGE bits 28-31).
    public struct PeakPeriod: Sendable, Hashable {
        public var start: MeterClock
        public var end: MeterClock
    }

    // Configuration.
    public let mode: TICMode
    /// 1 (single-phase) or 3 (three-phase).
    public let phases: Int
    public let contract: Contract
    public let isProducer: Bool
    /// Reference (subscribed) power in kVA: `PREF`, and `ISOUSC` = PREF / 200 V (per phase).
    public let subscribedKVA: Int
    /// ADCO / ADSC: 12 digits.
    public let serial: String
    /// PRM: 14 digits.
    public let prm: String

    // Tariff state, set by scenarios.
    /// Off-peak hours (HC) in progress (off-peak and Tempo contracts).
    public var isOffPeak = false
    public var tempoToday = TempoColour.unknown
    public var tempoTomorrow = TempoColour.unknown
    /// EJP: the 30-minute notice before a mobile peak (PEJP = 30, tic-protocol.md §7.1).
    public var isEJPNotice = false
    /// EJP: mobile-peak hours in progress (PTEC = PM..).
    public var isEJPPeak = false
    /// Standard mode: an announced mobile peak (DPM1/FPM1 sent while set).
    public var mobilePeak: PeakPeriod?

    // Loads, set by scenarios; the simulator adds a small jitter per frame.
    /// Mean apparent power withdrawn on each phase, in VA.
    public var baseLoad: [Int]
    /// Mean apparent power injected (producer, single-phase), in VA.
    public var baseInjection = 0
    /// The loads of the current frame.
    public internal(set) var load: [Int]
    public internal(set) var injection = 0
    /// RMS voltage per phase, in V.
    public internal(set) var voltage: [Int]

    // Counters.
    public internal(set) var clock: MeterClock
    /// Supplier indexes 1-10 in Wh (EASF01…EASF10; historic index labels are the first ones).
    public internal(set) var supplierIndexes: [Int]
    /// Total injected active energy in Wh (EAIT).
    public internal(set) var injectedEnergy: Int
    /// Reactive energy Q1-Q4 in VArh (ERQ1…ERQ4).
    public internal(set) var reactiveEnergy: [Int]
    var energyRemainders = EnergyRemainders()

    // Maxima, load curve, mean voltages.
    public internal(set) var maxToday: [Reading]
    public internal(set) var maxYesterday: [Reading]
    public internal(set) var maxInjectedToday: Reading
    public internal(set) var maxInjectedYesterday: Reading
    public internal(set) var loadCurve: LoadCurvePoints
    public internal(set) var injectionCurve: LoadCurvePoints
    public internal(set) var meanVoltage: [Reading]

    /// A value with the instant it refers to (maxima, load-curve points, mean voltages).
    public struct Reading: Sendable, Hashable {
        public var value: Int
        public var time: MeterClock
    }

    /// The last two complete points of a load curve (CCASN / CCASN-1, CCAIN / CCAIN-1).
    public struct LoadCurvePoints: Sendable, Hashable {
        public var last: Reading
        public var previous: Reading
    }

    struct EnergyRemainders: Sendable, Hashable {
        /// Withdrawn energy not yet a whole Wh, in W·ns.
        var withdrawn: Int64 = 0
        var injected: Int64 = 0
        var reactive: [Int64] = [0, 0, 0, 0]
        /// Energy of the current load-curve half hour, in W·ns.
        var periodWithdrawn: Int64 = 0
        var periodInjected: Int64 = 0
    }

    /// A meter at `clock` whose counters start at plausible values drawn from `generator`.
    public init(
        mode: TICMode, phases: Int, contract: Contract, isProducer: Bool = false, subscribedKVA: Int,
        baseLoad: [Int], clock: MeterClock, generator: inout SeededGenerator
    ) {
        self.mode = mode
        self.phases = phases == 3 ? 3 : 1
        self.contract = contract
        self.isProducer = isProducer
        self.subscribedKVA = subscribedKVA
        let count = self.phases
        let loads = (0..<count).map { $0 < baseLoad.count ? max(0, baseLoad[$0]) : 0 }
        self.baseLoad = loads
        self.load = loads
        self.voltage = Array(repeating: 230, count: count)
        self.clock = clock
        // Serial `CCAATTNNNNNN` (tic-protocol.md §4.1): manufacturer, year, Linky type, number.
        let number = Int.random(in: 0..<1_000_000, using: &generator)
        serial = "0422" + (phases == 3 ? "63" : "61") + SimulatedMeter.digits(number, 6)
        prm = "0" + SimulatedMeter.digits(Int.random(in: 0..<10_000_000, using: &generator), 7)
            + SimulatedMeter.digits(Int.random(in: 0..<1_000_000, using: &generator), 6)
        let used = SimulatedMeter.usedIndexCount(contract)
        supplierIndexes = (0..<10).map { index in
            index < used ? Int.random(in: 200_000...9_000_000, using: &generator) : 0
        }
        injectedEnergy = isProducer ? Int.random(in: 100_000...3_000_000, using: &generator) : 0
        reactiveEnergy = isProducer ? (0..<4).map { _ in Int.random(in: 0...90_000, using: &generator) } : [0, 0, 0, 0]
        // Maxima: today's so far at 07:xx, yesterday's in the evening.
        let morning = clock.startOfDay.adding(seconds: Int64(7 * 3600 + Int.random(in: 0..<3600, using: &generator)))
        let evening = clock.startOfDay.adding(seconds: Int64(-5 * 3600 + Int.random(in: 0..<3600, using: &generator)))
        maxToday = loads.map { Reading(value: $0 + 300, time: morning < clock ? morning : clock) }
        maxYesterday = loads.map { Reading(value: $0 * 3 / 2 + 400, time: evening) }
        maxInjectedToday = Reading(value: 0, time: clock.startOfDay)
        maxInjectedYesterday = Reading(value: isProducer ? Int.random(in: 1000...3000, using: &generator) : 0,
                                       time: clock.startOfDay.adding(seconds: -10 * 3600))
        let halfHour = clock.startOfPeriod(seconds: 1800)
        let total = loads.reduce(0, +)
        loadCurve = LoadCurvePoints(last: Reading(value: total, time: halfHour),
                                    previous: Reading(value: total, time: halfHour.adding(seconds: -1800)))
        injectionCurve = LoadCurvePoints(last: Reading(value: 0, time: halfHour),
                                         previous: Reading(value: 0, time: halfHour.adding(seconds: -1800)))
        energyRemainders.periodWithdrawn = Int64(total) * (clock.nanoseconds - halfHour.nanoseconds)
        meanVoltage = Array(repeating: Reading(value: 230, time: clock.startOfPeriod(seconds: 600)), count: count)
    }

    /// Total apparent power withdrawn now, in VA (PAPP, SINSTS).
    public var totalLoad: Int { load.reduce(0, +) }

    /// ISOUSC in A: PREF / 200 V, divided by 3 on a three-phase meter (tic-protocol.md §3).
    public var subscribedCurrent: Int { subscribedKVA * 1000 / 200 / phases }

    /// RMS current of `phase` (0-based) in A, rounded to the nearest ampere.
    public func current(phase: Int) -> Int {
        let volts = max(1, voltage[phase])
        return (load[phase] + volts / 2) / volts
    }

    /// Total withdrawn energy in Wh (EAST, and the historic indexes summed).
    public var totalEnergy: Int { supplierIndexes.reduce(0, +) }

    /// How many supplier indexes the contract uses: BASE 1, HC/EJP 2, Tempo 6.
    static func usedIndexCount(_ contract: Contract) -> Int {
        switch contract {
        case .base: 1
        case .offPeak, .ejp: 2
        case .tempo: 6
        }
    }

    /// `value` as exactly `width` zero-padded decimal digits, clamped to what fits.
    static func digits(_ value: Int, _ width: Int) -> String {
        var limit = 1
        for _ in 0..<width { limit *= 10 }
        let clamped = min(max(value, 0), limit - 1)
        let text = String(clamped)
        return String(repeating: "0", count: width - text.count) + text
    }
}
