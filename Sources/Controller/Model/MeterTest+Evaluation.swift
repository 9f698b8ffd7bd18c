import TIC

extension MeterTest {
    /// Whether the test holds for a meter's state. Pure: reads only `state`.
    ///
    /// A value the meter has not sent (no `RELAIS`, no `SINSTI`, a percentage before the subscribed
    /// power is known) makes the test false, so `not:` of it is true: write rules so that "unknown"
    /// is the harmless side.
    public func holds(in state: MeterState) -> Bool {
        switch self {
        case .period(let periods): return state.period.map(periods.contains) ?? false
        case .tempoToday(let colors): return state.tempoToday.map(colors.contains) ?? false
        case .tempoTomorrow(let colors): return state.tempoTomorrow.map(colors.contains) ?? false
        case .ejpNotice(let expected): return state.ejpNotice == expected
        case .ejpPeak(let expected): return state.ejpPeak == expected
        case .overpower(let expected): return state.overpower == expected
        case .relay(let number, let closed):
            guard let relays = state.relays else { return false }
            return relays.isClosed(number) == closed
        case .dryContact(let closed):
            guard let contact = state.dryContactClosed else { return false }
            return contact == closed
        case .apparentPower(let bounds):
            return Self.check(state.apparentPower, bounds) { $0.resolved(subscribed: state.subscribedPower) }
        case .injectedPower(let bounds):
            return Self.check(state.injectedPower, bounds) { $0.resolved(subscribed: state.subscribedPower) }
        case .current(let bounds):
            let highest = state.currents.present.max()
            return Self.check(highest, bounds) { $0.resolved(subscribed: state.subscribedCurrentPerPhase) }
        }
    }

    private static func check<Value: Comparable, Level>(
        _ value: Value?, _ bounds: Bounds<Level>, resolve: (Level) -> Value?
    ) -> Bool {
        guard let value else { return false }
        if let above = bounds.above {
            guard let threshold = resolve(above), value > threshold else { return false }
        }
        if let below = bounds.below {
            guard let threshold = resolve(below), value < threshold else { return false }
        }
        return true
    }
}

extension MeterState {
    /// The subscribed current of one phase: historic `ISOUSC`, else `PREF` / 200 V / phases
    /// ([S54] p.15-16).
    var subscribedCurrentPerPhase: Amperes? {
        if let subscribedCurrent { return subscribedCurrent }
        return referencePower.map { Amperes($0.value / 200 / max(1, phases)) }
    }
}
