/// Standard-mode frames (TIC v02) of a simulated meter: the groups of tic-protocol.md §4 in the
/// specification's table order, as the captures show them (teleinfo-nom `message_standard.txt`
/// three-phase Tempo, ticdecodecpp single-phase BASE, openHAB single-phase producer).
extension SimulatedMeter {
    /// A standard frame:
    /// `ADSC VTIC DATE NGTF LTARF EAST EASF01-10 EASD01-04 [EAIT ERQ1-4] IRMS1[-3] URMS1[-3] PREF
    /// PCOUP SINSTS [SINSTS1-3] SMAXSN[1-3] SMAXSN-1 [SMAXSN1-1…3-1] [SINSTI SMAXIN SMAXIN-1] CCASN
    /// CCASN-1 [CCAIN CCAIN-1] UMOY1[-3] STGE [DPM1 FPM1] MSG1 PRM RELAIS NTARF NJOURF NJOURF+1
    /// PJOURF+1`. Brackets: three-phase or producer only (§4 columns 3P and P), DPM1/FPM1 while a
    /// mobile peak is announced. DATE carries the meter's clock (§1.2: empty data).
    public func standardFrame() -> [Group] {
        var groups: [Group] = []
        func add(_ label: Label, _ data: String, at time: MeterClock? = nil) {
            groups.append(Group(mode: .standard, label: label, horodate: time?.horodate, data: data))
        }
        func add(_ label: Label, _ reading: Reading, width: Int) {
            add(label, Self.digits(reading.value, width), at: reading.time)
        }
        let three = phases == 3
        add("ADSC", serial)
        add("VTIC", "02")
        add("DATE", "", at: clock)
        add("NGTF", calendarName)
        add("LTARF", tariffText)
        add("EAST", Self.digits(totalEnergy, 9))
        let supplierLabels: [Label] = ["EASF01", "EASF02", "EASF03", "EASF04", "EASF05",
                                       "EASF06", "EASF07", "EASF08", "EASF09", "EASF10"]
        for (index, label) in supplierLabels.enumerated() { add(label, Self.digits(supplierIndexes[index], 9)) }
        // A single distributor index (STGE bits 14-15 = 0): it carries the total.
        add("EASD01", Self.digits(totalEnergy, 9))
        add("EASD02", "000000000")
        add("EASD03", "000000000")
        add("EASD04", "000000000")
        if isProducer {
            add("EAIT", Self.digits(injectedEnergy, 9))
            let reactiveLabels: [Label] = ["ERQ1", "ERQ2", "ERQ3", "ERQ4"]
            for (index, label) in reactiveLabels.enumerated() { add(label, Self.digits(reactiveEnergy[index], 9)) }
        }
        let irms: [Label] = ["IRMS1", "IRMS2", "IRMS3"], urms: [Label] = ["URMS1", "URMS2", "URMS3"]
        for phase in 0..<phases { add(irms[phase], Self.digits(current(phase: phase), 3)) }
        for phase in 0..<phases { add(urms[phase], Self.digits(voltage[phase], 3)) }
        add("PREF", Self.digits(subscribedKVA, 2))
        add("PCOUP", Self.digits(subscribedKVA, 2))
        add("SINSTS", Self.digits(totalLoad, 5))
        if three {
            let labels: [Label] = ["SINSTS1", "SINSTS2", "SINSTS3"]
            for phase in 0..<3 { add(labels[phase], Self.digits(load[phase], 5)) }
        }
        add("SMAXSN", three ? maxTotalToday : maxToday[0], width: 5)
        if three {
            let labels: [Label] = ["SMAXSN1", "SMAXSN2", "SMAXSN3"]
            for phase in 0..<3 { add(labels[phase], maxToday[phase], width: 5) }
        }
        add("SMAXSN-1", three ? maxTotalYesterday : maxYesterday[0], width: 5)
        if three {
            // 9-character labels (real three-phase captures have them): sent only once ``Label``
            // can hold them; at 8 characters `Label("SMAXSN1-1")` is nil (a known decoder limit).
            let labels = ["SMAXSN1-1", "SMAXSN2-1", "SMAXSN3-1"].compactMap { Label($0) }
            for (phase, label) in labels.enumerated() { add(label, maxYesterday[phase], width: 5) }
        }
        if isProducer {
            add("SINSTI", Self.digits(injection, 5))
            add("SMAXIN", maxInjectedToday, width: 5)
            add("SMAXIN-1", maxInjectedYesterday, width: 5)
        }
        add("CCASN", loadCurve.last, width: 5)
        add("CCASN-1", loadCurve.previous, width: 5)
        if isProducer {
            add("CCAIN", injectionCurve.last, width: 5)
            add("CCAIN-1", injectionCurve.previous, width: 5)
        }
        let umoy: [Label] = ["UMOY1", "UMOY2", "UMOY3"]
        for phase in 0..<phases { add(umoy[phase], meanVoltage[phase], width: 3) }
        add("STGE", statusRegisterText)
        if let peak = mobilePeak {
            // Mobile-peak bounds carry a horodate whose season is a space (§6.3).
            groups.append(Group(mode: .standard, label: "DPM1", horodate: peak.start.horodateWithoutSeason, data: "00"))
            groups.append(Group(mode: .standard, label: "FPM1", horodate: peak.end.horodateWithoutSeason, data: "00"))
        }
        add("MSG1", "PAS DE          MESSAGE         ")
        add("PRM", prm)
        add("RELAIS", relaysText)
        add("NTARF", Self.digits(supplierIndex, 2))
        add("NJOURF", "00")
        add("NJOURF+1", "00")
        add("PJOURF+1", tomorrowProfile)
        return groups
    }
}
