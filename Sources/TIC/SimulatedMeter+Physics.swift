/// Time passing on a simulated meter: energy integration, maxima, load curve, mean voltages.
extension SimulatedMeter {
    /// W·ns in one Wh.
    static let wattNanosecondsPerWattHour: Int64 = 3_600 * 1_000_000_000

    /// Advances the clock by `nanoseconds`, integrating the current loads into the indexes of the
    /// current tariff period. The interval is cut at every 10-minute boundary (mean voltage), half
    /// hour (load curve) and midnight (daily maxima), so a jump of hours is handled like many small
    /// steps with constant loads.
    public mutating func advance(by nanoseconds: Int64) {
        var remaining = nanoseconds
        while remaining > 0 {
            let boundary = clock.startOfPeriod(seconds: 600).adding(seconds: 600)
            let step = min(remaining, boundary.nanoseconds - clock.nanoseconds)
            integrate(over: step)
            clock = clock.adding(nanoseconds: step)
            remaining -= step
            if clock == boundary { crossBoundary() }
        }
    }

    /// Advances the clock to `target` (no-op if it is not in the future).
    public mutating func advance(to target: MeterClock) {
        advance(by: target.nanoseconds - clock.nanoseconds)
    }

    /// Sets the loads of this frame: the scenario's base loads with a jitter of about ±1.5 % and
    /// voltages of 230 V ± 4 V (a zero load stays zero), and records new daily maxima.
    mutating func jitter(using generator: inout SeededGenerator) {
        for phase in 0..<phases {
            let base = baseLoad[phase]
            let spread = max(base / 66, 1)
            load[phase] = base > 0 ? max(0, base + Int.random(in: -spread...spread, using: &generator)) : 0
            voltage[phase] = 230 + Int.random(in: -4...4, using: &generator)
        }
        if baseInjection > 0 {
            let spread = max(baseInjection / 66, 1)
            injection = max(0, baseInjection + Int.random(in: -spread...spread, using: &generator))
        } else {
            injection = 0
        }
        recordMaxima()
    }

    private mutating func recordMaxima() {
        for phase in 0..<phases where load[phase] > maxToday[phase].value {
            maxToday[phase] = Reading(value: load[phase], time: clock)
        }
        if injection > maxInjectedToday.value {
            maxInjectedToday = Reading(value: injection, time: clock)
        }
    }

    /// The daily maximum of the total load (SMAXSN, historic PMAX uses yesterday's).
    public var maxTotalToday: Reading { Self.total(of: maxToday) }
    public var maxTotalYesterday: Reading { Self.total(of: maxYesterday) }

    /// On a single-phase meter the phase maximum; on three-phase the sum of the phase maxima,
    /// dated at the latest of them (an upper bound of the true simultaneous maximum).
    private static func total(of readings: [Reading]) -> Reading {
        let latest = readings.map(\.time).max() ?? MeterClock(nanoseconds: 0)
        return Reading(value: readings.reduce(0) { $0 + $1.value }, time: latest)
    }

    private mutating func integrate(over nanoseconds: Int64) {
        let withdrawn = Int64(totalLoad) * nanoseconds
        let injected = Int64(injection) * nanoseconds
        let unit = Self.wattNanosecondsPerWattHour
        energyRemainders.withdrawn += withdrawn
        energyRemainders.injected += injected
        energyRemainders.periodWithdrawn += withdrawn
        energyRemainders.periodInjected += injected
        let whole = energyRemainders.withdrawn / unit
        energyRemainders.withdrawn -= whole * unit
        supplierIndexes[supplierIndex - 1] += Int(whole)
        let wholeInjected = energyRemainders.injected / unit
        energyRemainders.injected -= wholeInjected * unit
        injectedEnergy += Int(wholeInjected)
        if isProducer {
            // Reactive energy: 10 % of the withdrawn energy in Q1, 5 % of the injected in Q2.
            addReactive(withdrawn / 10, quadrant: 0)
            addReactive(injected / 20, quadrant: 1)
        }
    }

    private mutating func addReactive(_ amount: Int64, quadrant: Int) {
        let unit = Self.wattNanosecondsPerWattHour
        energyRemainders.reactive[quadrant] += amount
        let whole = energyRemainders.reactive[quadrant] / unit
        energyRemainders.reactive[quadrant] -= whole * unit
        reactiveEnergy[quadrant] += Int(whole)
    }

    private mutating func crossBoundary() {
        meanVoltage = voltage.map { Reading(value: $0, time: clock) }
        guard clock.secondOfDay % 1800 == 0 else { return }
        let halfHour = 1800 * MeterClock.nanosecondsPerSecond
        loadCurve.previous = loadCurve.last
        loadCurve.last = Reading(value: Int(energyRemainders.periodWithdrawn / halfHour), time: clock)
        injectionCurve.previous = injectionCurve.last
        injectionCurve.last = Reading(value: Int(energyRemainders.periodInjected / halfHour), time: clock)
        energyRemainders.periodWithdrawn = 0
        energyRemainders.periodInjected = 0
        guard clock.secondOfDay == 0 else { return }
        maxYesterday = maxToday
        maxInjectedYesterday = maxInjectedToday
        maxToday = load.map { Reading(value: $0, time: clock) }
        maxInjectedToday = Reading(value: injection, time: clock)
    }
}
