import TIC

/// The power samples of one minute (one per frame end): mean, min and max of the apparent power
/// (total `PAPP`/`SINSTS`, per phase `SINSTS1-3`), of the injected power (`SINSTI`), the historic
/// producers' estimate (`IINST` × 230 V where `PAPP` is 0, the LinkyMonitor convention), mean currents
/// in dA (`IINST`, `IRMS1-3`) and min/max voltages (`URMS1-3`) — tic-protocol.md §3, §4.
struct MinuteAccumulator: Sendable {
    /// Sum, min, max and count of one quantity.
    struct Stat: Sendable {
        var sum = 0, min = Int.max, max = Int.min, count = 0
        mutating func add(_ value: Int?) {
            guard let value else { return }
            sum += value
            if value < min { min = value }
            if value > max { max = value }
            count += 1
        }
        var mean: Int? { count == 0 ? nil : Int((Double(sum) / Double(count)).rounded()) }
        var minimum: Int? { count == 0 ? nil : min }
        var maximum: Int? { count == 0 ? nil : max }
    }

    let minute: Int64
    var samples = 0
    var power = Stat(), phasePower = [Stat(), Stat(), Stat()], injected = Stat(), estimated = Stat()
    var currents = [Stat(), Stat(), Stat()], voltages = [Stat(), Stat(), Stat()]

    init(minute: Int64) { self.minute = minute }

    mutating func add(_ state: MeterState) {
        samples += 1
        power.add(state.apparentPower?.value)
        for phase in 0..<3 {
            phasePower[phase].add(state.apparentPowerPerPhase[phase + 1]?.value)
            currents[phase].add(state.currents[phase + 1].map { $0.value * 10 })
            voltages[phase].add(state.voltages[phase + 1]?.value)
        }
        injected.add(state.injectedPower?.value)
        if state.mode == .historic, let papp = state.apparentPower?.value, let current = state.currents[1]?.value {
            estimated.add(papp == 0 ? current * 230 : 0)
        }
    }

    func row(series: Int64) -> PowerRow {
        var values: [Int?] = [power.mean, power.minimum, power.maximum]
        for phase in phasePower { values += [phase.mean, phase.minimum, phase.maximum] }
        values += [injected.mean, injected.minimum, injected.maximum, estimated.mean]
        values += currents.map(\.mean)
        for voltage in voltages { values += [voltage.minimum, voltage.maximum] }
        return PowerRow(series: series, time: minute, samples: samples, values: values)
    }
}
