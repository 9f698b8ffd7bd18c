extension MeterState: TICSink {
    /// Applies one verified group. Its data already matches its label's format
    /// (``KnownLabel/format``), so conversions here cannot fail on a group from ``FrameDecoder``.
    public mutating func accept(_ group: GroupView) {
        // Another mode (Enedis switched the meter's TIC output) or another address (another meter on
        // this line): nothing known so far describes it any more.
        if let mode, mode != group.mode { self = MeterState() }
        if group.known == .adco || group.known == .adsc {
            if let address, !MeterState.same(address, group.data) { self = MeterState() }
            mode = group.mode
            if address == nil { address = group.dataString }
            return
        }
        mode = group.mode
        guard let known = group.known else {
            unknownLabels[group.label.description] = group.dataString
            return
        }
        let number = group.number
        switch known {
        case .adco, .adsc: break // above
        case .prm: MeterState.store(group, in: &prm)
        case .vtic: ticVersion = number
        case .optarif, .ngtf:
            let data = MeterState.trimmed(group.data)
            if classifiedTariffOption.map({ MeterState.same($0.text, data) }) != true {
                classifiedTariffOption = ClassifiedTariffOption(String(decoding: data, as: UTF8.self))
            }
            seenInFrame.insert(.longFrame)
        case .ltarf:
            let data = MeterState.trimmed(group.data)
            if classifiedTariffLabel.map({ MeterState.same($0.text, data) }) != true {
                classifiedTariffLabel = ClassifiedTariffLabel(String(decoding: data, as: UTF8.self))
            }
        case .ptec: historicPeriod = MeterState.historicPeriod(group); seenInFrame.insert(.longFrame)
        case .demain: historicTomorrow = MeterState.demain(group)
        case .pejp: ejpNoticeMinutes = number; seenInFrame.insert(.pejp)
        case .ntarf: supplierIndexNumber = number
        case .njourf: dayNumber = number
        case .njourfTomorrow: tomorrowDayNumber = number
        case .stge: status = group.hexNumber.map(StatusRegister.init(rawValue:))
        case .relais: relays = number.map { Relays(rawValue: UInt8(truncatingIfNeeded: $0)) }
        case .pjourfTomorrow:
            if tomorrowProfile.map({ MeterState.same($0.text, group.data) }) != true { tomorrowProfile = DayProfile(group.data) }
        case .ppointe:
            if peakDayProfile.map({ MeterState.same($0.text, group.data) }) != true { peakDayProfile = DayProfile(group.data) }
        case .dpm1: mobilePeakStarts[1] = group.horodate
        case .dpm2: mobilePeakStarts[2] = group.horodate
        case .dpm3: mobilePeakStarts[3] = group.horodate
        case .fpm1: mobilePeakEnds[1] = group.horodate
        case .fpm2: mobilePeakEnds[2] = group.horodate
        case .fpm3: mobilePeakEnds[3] = group.horodate
        case .papp, .sinsts: apparentPower = number.map(VoltAmperes.init)
        case .sinsts1: apparentPowerPerPhase[1] = number.map(VoltAmperes.init)
        case .sinsts2: apparentPowerPerPhase[2] = number.map(VoltAmperes.init)
        case .sinsts3: apparentPowerPerPhase[3] = number.map(VoltAmperes.init)
        case .sinsti: injectedPower = number.map(VoltAmperes.init)
        case .iinst, .iinst1, .irms1: currents[1] = number.map(Amperes.init)
        case .iinst2, .irms2: currents[2] = number.map(Amperes.init)
        case .iinst3, .irms3: currents[3] = number.map(Amperes.init)
        case .urms1: voltages[1] = number.map(Volts.init)
        case .urms2: voltages[2] = number.map(Volts.init)
        case .urms3: voltages[3] = number.map(Volts.init)
        case .umoy1: meanVoltages[1] = number.map(Volts.init)
        case .umoy2: meanVoltages[2] = number.map(Volts.init)
        case .umoy3: meanVoltages[3] = number.map(Volts.init)
        case .isousc: subscribedCurrent = number.map(Amperes.init)
        case .pref: referencePower = number.map { VoltAmperes($0 * 1000) }
        case .pcoup: cutOffPower = number.map { VoltAmperes($0 * 1000) }
        case .imax, .imax1: maxCurrents[1] = number.map(Amperes.init)
        case .imax2: maxCurrents[2] = number.map(Amperes.init)
        case .imax3: maxCurrents[3] = number.map(Amperes.init)
        case .pmax: maxPowerYesterdayHistoric = number.map(VoltAmperes.init)
        case .smaxsn: maxPowerToday = number.map(VoltAmperes.init)
        case .smaxsn1: maxPowerTodayPerPhase[1] = number.map(VoltAmperes.init)
        case .smaxsn2: maxPowerTodayPerPhase[2] = number.map(VoltAmperes.init)
        case .smaxsn3: maxPowerTodayPerPhase[3] = number.map(VoltAmperes.init)
        case .smaxsnYesterday: maxPowerYesterday = number.map(VoltAmperes.init)
        case .smaxsn1Yesterday: maxPowerYesterdayPerPhase[1] = number.map(VoltAmperes.init)
        case .smaxsn2Yesterday: maxPowerYesterdayPerPhase[2] = number.map(VoltAmperes.init)
        case .smaxsn3Yesterday: maxPowerYesterdayPerPhase[3] = number.map(VoltAmperes.init)
        case .smaxin: maxInjectedToday = number.map(VoltAmperes.init)
        case .smaxinYesterday: maxInjectedYesterday = number.map(VoltAmperes.init)
        case .ccasn: loadCurve = number.map(Watts.init)
        case .ccasnPrevious: loadCurvePrevious = number.map(Watts.init)
        case .ccain: injectedLoadCurve = number.map(Watts.init)
        case .ccainPrevious: injectedLoadCurvePrevious = number.map(Watts.init)
        case .base, .hchc, .ejphn, .bbrhcjb, .easf01: setSupplierIndex(1, number)
        case .hchp, .ejphpm, .bbrhpjb, .easf02: setSupplierIndex(2, number)
        case .bbrhcjw, .easf03: setSupplierIndex(3, number)
        case .bbrhpjw, .easf04: setSupplierIndex(4, number)
        case .bbrhcjr, .easf05: setSupplierIndex(5, number)
        case .bbrhpjr, .easf06: setSupplierIndex(6, number)
        case .easf07: setSupplierIndex(7, number)
        case .easf08: setSupplierIndex(8, number)
        case .easf09: setSupplierIndex(9, number)
        case .easf10: setSupplierIndex(10, number)
        case .easd01: distributorIndexes[0] = number.map(WattHours.init)
        case .easd02: distributorIndexes[1] = number.map(WattHours.init)
        case .easd03: distributorIndexes[2] = number.map(WattHours.init)
        case .easd04: distributorIndexes[3] = number.map(WattHours.init)
        case .east: totalEnergyWithdrawn = number.map(WattHours.init)
        case .eait: injectedEnergy = number.map(WattHours.init)
        case .erq1: reactiveEnergy[0] = number.map(VoltAmpereReactiveHours.init)
        case .erq2: reactiveEnergy[1] = number.map(VoltAmpereReactiveHours.init)
        case .erq3: reactiveEnergy[2] = number.map(VoltAmpereReactiveHours.init)
        case .erq4: reactiveEnergy[3] = number.map(VoltAmpereReactiveHours.init)
        case .adps: overSubscriptionCurrent = number.map(Amperes.init); seenInFrame.insert(.adps)
        case .adir1: phaseOverCurrents[1] = number.map(Amperes.init); seenInFrame.insert(.adir)
        case .adir2: phaseOverCurrents[2] = number.map(Amperes.init); seenInFrame.insert(.adir)
        case .adir3: phaseOverCurrents[3] = number.map(Amperes.init); seenInFrame.insert(.adir)
        case .ppot: potentials = group.hexNumber.map { UInt8(truncatingIfNeeded: $0) }
        case .hhphc: MeterState.store(group, in: &hhphc)
        case .motdetat: MeterState.store(group, in: &statusWord)
        case .msg1: MeterState.store(group, in: &message1, trimmed: true)
        case .msg2: MeterState.store(group, in: &message2, trimmed: true)
        case .date: clock = group.horodate
        case .gaz: gasIndex = number
        case .autre: otherIndex = number
        }
    }

    /// A group byte for byte the same as the last one of its label this state applied, as the
    /// caller knows (``TICSink/acceptRepeat(_:)``, and the state has not started afresh since): its
    /// value is here already; only what a frame records of its presence is noted. Returns false when
    /// it must be applied again (``accept(_:)``): a warning (ADPS, ADIR1-3, PEJP), which a frame end
    /// may have cleared since.
    @inlinable
    public mutating func noteRepeat(_ known: KnownLabel) -> Bool {
        switch known {
        case .optarif, .ngtf, .ptec:
            markLongFrame()
            return true
        case .pejp, .adps, .adir1, .adir2, .adir3:
            return false
        default:
            return true
        }
    }

    @usableFromInline
    mutating func markLongFrame() { seenInFrame.insert(.longFrame) }

    /// STX. A state shared with the last frame's event (or a status) is copied here, before the frame's
    /// first group: the copy must not fall on the group that changes a value, which may be the one
    /// that decides a switch (~1 000 instructions on the way to the line).
    public mutating func frameStarted() {
        seenInFrame = []
        makeUnique()
    }

    /// Clears the warnings a complete frame no longer carries: ADPS and PEJP are sent only while
    /// they hold (§3, §7.1). ADIR1-3 come in three-phase short frames (§3.1): a short frame without
    /// them clears them, and so do two long frames in a row (the burst of short frames is over).
    /// Returns whether it cleared anything (a caller may skip work when nothing changed).
    @discardableResult
    public mutating func frameEnded(_ end: FrameEnd) -> Bool {
        defer { seenInFrame = [] }
        guard end == .complete else { return false }
        let before = (overSubscriptionCurrent, phaseOverCurrents, ejpNoticeMinutes)
        clearWarnings()
        return before.0 != overSubscriptionCurrent || before.1 != phaseOverCurrents || before.2 != ejpNoticeMinutes
    }

    /// (A value is written only when it changes: a write to a state shared with an event or a status
    /// copies it.)
    private mutating func clearWarnings() {
        let isShort = seenInFrame.contains(.adir) || !seenInFrame.contains(.longFrame)
        if !seenInFrame.contains(.adps), overSubscriptionCurrent != nil { overSubscriptionCurrent = nil }
        if isShort {
            consecutiveLongFrames = 0
            if !seenInFrame.contains(.adir), phaseOverCurrents != PhaseValues() { phaseOverCurrents = PhaseValues() }
        } else {
            consecutiveLongFrames += 1
            if !seenInFrame.contains(.pejp), ejpNoticeMinutes != nil { ejpNoticeMinutes = nil }
            if consecutiveLongFrames >= 2, phaseOverCurrents != PhaseValues() { phaseOverCurrents = PhaseValues() }
        }
    }

    /// Applies every group of a decoded frame, then its end.
    public mutating func apply(_ frame: Frame) {
        frameStarted()
        for group in frame.groups {
            var bytes = Array(group.data.utf8)
            let label = group.label
            bytes.withUnsafeMutableBufferPointer { buffer in
                accept(GroupView(mode: group.mode, label: label, known: KnownLabel.lookup(label),
                                 horodate: group.horodate, data: UnsafeBufferPointer(buffer)))
            }
        }
        frameEnded(frame.end)
    }

    private mutating func setSupplierIndex(_ number: Int, _ value: Int?) {
        supplierIndexes[number - 1] = value.map(WattHours.init)
    }

    /// Stores text only when it changed, so a steady stream allocates no strings.
    private static func store(_ group: GroupView, in field: inout String?, trimmed: Bool = false) {
        let data = trimmed ? MeterState.trimmed(group.data) : group.data
        if let current = field, same(current, data) { return }
        field = String(decoding: data, as: UTF8.self)
    }

    /// `data` without its leading and trailing spaces (text fields are space-padded, §4).
    private static func trimmed(_ data: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = data.count
        while start < end, data[start] == ASCII.sp { start += 1 }
        while end > start, data[end - 1] == ASCII.sp { end -= 1 }
        return UnsafeBufferPointer(rebasing: data[start..<end])
    }

    /// Byte equality of a String and a buffer, without going through the generic collection path.
    static func same(_ string: String, _ data: UnsafeBufferPointer<UInt8>) -> Bool {
        let result = string.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard utf8.count == data.count else { return false }
            for index in 0..<utf8.count where utf8[index] != data[index] { return false }
            return true
        }
        return result ?? string.utf8.elementsEqual(data)
    }

    private static func historicPeriod(_ group: GroupView) -> TariffPeriod? {
        let d = group.data
        guard d.count == 4 else { return nil }
        switch (d[0], d[1], d[2], d[3]) {
        case (0x54, 0x48, _, _): return .base                     // TH..
        case (0x48, 0x43, 0x2E, _): return .hc                    // HC..
        case (0x48, 0x50, 0x2E, _): return .hp                    // HP..
        case (0x48, 0x4E, _, _): return .hn                       // HN..
        case (0x50, 0x4D, _, _): return .pm                       // PM..
        case (0x48, let p, 0x4A, let c):                          // H[CP]J[BWR]
            let color: TempoColor? = switch c {
            case 0x42: .blue
            case 0x57: .white
            case 0x52: .red
            default: nil
            }
            return color.map { TariffPeriod.tempo($0, offPeak: p == 0x43) }
        default: return nil
        }
    }

    private static func demain(_ group: GroupView) -> TempoColor? {
        if group.dataEquals("BLEU") { return .blue }
        if group.dataEquals("BLAN") { return .white }
        if group.dataEquals("ROUG") { return .red }
        return nil
    }
}
