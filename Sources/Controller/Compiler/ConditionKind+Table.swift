import TIC

extension ConditionKind {
    /// Every leaf key, once, in the order diagnostics list them.
    static let all: [ConditionKind] = [
        .meter("period", example: "hp-red",
               parse: { compiler, entry in compiler.periods(entry.value).map(MeterTest.period) },
               bind: { test in
                   guard case .period(let periods) = test else { return nil }
                   // A few cases: a linear scan of an array beats hashing into a Set at every evaluation.
                   let list = Array(periods)
                   return { state in state.period.map(list.contains) ?? false }
               }),
        .meter("tempo-today", example: "red",
               parse: { compiler, entry in compiler.colours(entry.value).map(MeterTest.tempoToday) },
               bind: { test in
                   guard case .tempoToday(let colours) = test else { return nil }
                   let list = Array(colours)
                   return { state in state.tempoToday.map(list.contains) ?? false }
               }),
        .meter("tempo-tomorrow", example: "[white, red]",
               parse: { compiler, entry in compiler.colours(entry.value).map(MeterTest.tempoTomorrow) },
               bind: { test in
                   guard case .tempoTomorrow(let colours) = test else { return nil }
                   let list = Array(colours)
                   return { state in state.tempoTomorrow.map(list.contains) ?? false }
               }),
        .meter("ejp-notice", example: "true",
               parse: { compiler, entry in compiler.flag(entry.value).map(MeterTest.ejpNotice) },
               bind: { test in
                   guard case .ejpNotice(let expected) = test else { return nil }
                   return { state in state.ejpNotice == expected }
               }),
        .meter("ejp-peak", example: "true",
               parse: { compiler, entry in compiler.flag(entry.value).map(MeterTest.ejpPeak) },
               bind: { test in
                   guard case .ejpPeak(let expected) = test else { return nil }
                   return { state in state.ejpPeak == expected }
               }),
        .meter("dry-contact", example: "closed",
               parse: { compiler, entry in compiler.contact(entry.value).map { MeterTest.dryContact(closed: $0) } },
               bind: { test in
                   guard case .dryContact(let closed) = test else { return nil }
                   return { state in state.dryContactClosed.map { $0 == closed } ?? false }
               }),
        .meter("overpower", example: "true",
               parse: { compiler, entry in compiler.flag(entry.value).map(MeterTest.overpower) },
               bind: { test in
                   guard case .overpower(let expected) = test else { return nil }
                   return { state in state.overpower == expected }
               }),
        .meter("apparent-power", example: "{ above: 6 kVA }",
               parse: { compiler, entry in compiler.bounds(entry, ValueSyntax.power, kind: "power").map(MeterTest.apparentPower) },
               bind: { test in
                   guard case .apparentPower(let bounds) = test else { return nil }
                   return { state in bounds.contain(state.apparentPower) { $0.resolved(subscribed: state.subscribedPower) } }
               }),
        .meter("injected-power", example: "{ above: 500 VA }",
               parse: { compiler, entry in compiler.bounds(entry, ValueSyntax.power, kind: "power").map(MeterTest.injectedPower) },
               bind: { test in
                   guard case .injectedPower(let bounds) = test else { return nil }
                   return { state in bounds.contain(state.injectedPower) { $0.resolved(subscribed: state.subscribedPower) } }
               }),
        .meter("current", example: "{ above: 25 A }",
               parse: { compiler, entry in compiler.bounds(entry, ValueSyntax.current, kind: "current").map(MeterTest.current) },
               bind: { test in
                   guard case .current(let bounds) = test else { return nil }
                   return { state in
                       bounds.contain(state.currents.present.max()) { $0.resolved(subscribed: state.subscribedCurrentPerPhase) }
                   }
               }),
        .other("time", example: "22:30-06:30", parse: { compiler, entry in compiler.timeWindows(entry.value) }),
        .other("days", example: "weekend", parse: { compiler, entry in compiler.daySet(entry.value).map(Condition.days) }),
        .other("output", example: "{ heater: on }", parse: { compiler, entry in compiler.outputStates(entry.value) }),
    ] + (1...8).map(relay)

    /// `relay-N: closed|open`: relay N (1…8) of `RELAIS`.
    private static func relay(_ number: Int) -> ConditionKind {
        .meter("relay-\(number)", example: "closed",
               parse: { compiler, entry in compiler.contact(entry.value).map { MeterTest.relay(number, closed: $0) } },
               bind: { test in
                   guard case .relay(number, let closed) = test else { return nil }
                   return { state in state.relays.map { $0.isClosed(number) == closed } ?? false }
               })
    }
}
