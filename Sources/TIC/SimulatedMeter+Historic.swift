/// Historic-mode frames (TIC v01) of a simulated meter: the groups of tic-protocol.md §3 in the
/// specification's table order, as the captures show them (e.g. teleinfo-nom `message.txt` for a
/// single-phase Tempo meter, ticdecodecpp's three-phase BASE meter).
extension SimulatedMeter {
    /// A long (complete) historic frame.
    ///
    /// Single-phase: `ADCO OPTARIF ISOUSC <indexes> [PEJP] PTEC [DEMAIN] IINST [ADPS] IMAX PAPP
    /// HHPHC MOTDETAT`; three-phase: `… PTEC [DEMAIN] IINST1-3 IMAX1-3 PMAX PAPP HHPHC MOTDETAT PPOT`.
    /// PEJP is sent only during the EJP notice (§7.1), DEMAIN only on a Tempo contract (§7.2),
    /// ADPS only while IINST exceeds ISOUSC (§3).
    public func historicFrame() -> [Group] {
        var groups: [Group] = []
        func add(_ label: Label, _ data: String) {
            groups.append(Group(mode: .historic, label: label, data: data))
        }
        add("ADCO", serial)
        add("OPTARIF", tariffOption)
        add("ISOUSC", Self.digits(subscribedCurrent, 2))
        for (index, label) in historicIndexLabels.enumerated() {
            add(label, Self.digits(supplierIndexes[index], 9))
        }
        if contract == .ejp, isEJPNotice { add("PEJP", "30") }
        add("PTEC", tariffPeriod)
        if contract == .tempo { add("DEMAIN", tomorrowText) }
        if phases == 1 {
            let current = self.current(phase: 0)
            add("IINST", Self.digits(current, 3))
            if current > subscribedCurrent { add("ADPS", Self.digits(current, 3)) }
            add("IMAX", "090")
        } else {
            let labels: [Label] = ["IINST1", "IINST2", "IINST3"]
            for phase in 0..<3 { add(labels[phase], Self.digits(current(phase: phase), 3)) }
            add("IMAX1", "060")
            add("IMAX2", "060")
            add("IMAX3", "060")
            add("PMAX", Self.digits(maxTotalYesterday.value, 5))
        }
        add("PAPP", Self.digits((totalLoad + 5) / 10 * 10, 5))
        add("HHPHC", "A")
        add("MOTDETAT", "000000")
        if phases == 3 { add("PPOT", "00") }
        return groups
    }

    /// A three-phase short frame (tic-protocol.md §3.1): `ADIR1-3` for the phases whose current
    /// exceeds ISOUSC only, then `ADCO`, `IINST1 IINST2 IINST3`. On a single-phase meter: the long
    /// frame (short frames do not exist there).
    public func historicShortFrame() -> [Group] {
        guard phases == 3 else { return historicFrame() }
        var groups: [Group] = []
        let directions: [Label] = ["ADIR1", "ADIR2", "ADIR3"]
        let currents: [Label] = ["IINST1", "IINST2", "IINST3"]
        for phase in 0..<3 where current(phase: phase) > subscribedCurrent {
            groups.append(Group(mode: .historic, label: directions[phase],
                                data: Self.digits(current(phase: phase), 3)))
        }
        groups.append(Group(mode: .historic, label: "ADCO", data: serial))
        for phase in 0..<3 {
            groups.append(Group(mode: .historic, label: currents[phase], data: Self.digits(current(phase: phase), 3)))
        }
        return groups
    }

    /// Whether some phase current exceeds ISOUSC (which starts short-frame bursts on three-phase
    /// meters and ADPS on single-phase ones).
    public var isOverSubscribedCurrent: Bool {
        (0..<phases).contains { current(phase: $0) > subscribedCurrent }
    }
}
