extension MeterState {
    /// The tariff option: historic `OPTARIF`, or standard `NGTF` read by keyword. Classified when
    /// the text was received (``ClassifiedTariffOption``): no string work here.
    public var tariffOption: TariffOption? { classifiedTariffOption?.option(in: mode) }

    /// The period in force. Historic: `PTEC`. Standard (§7.2): Tempo from `NTARF` 1…6 (HC/HP blue,
    /// white, red); EJP from STGE's mobile peak; HC/HP from the supplier index (`NTARF`, else STGE
    /// bits 10-13) 1 = HC, 2 = HP, and from `LTARF` ("CREUSE"/"HC…", "PLEINE"/"HP…") only when no
    /// index was received; base for a BASE calendar.
    public var period: TariffPeriod? {
        if let historicPeriod { return historicPeriod }
        guard mode == .standard, let option = tariffOption else { return nil }
        let index = supplierIndexNumber ?? status?.supplierIndex
        switch option {
        case .base: return .base
        case .tempo:
            guard let index, (1...6).contains(index) else { return nil }
            let color: TempoColor = index <= 2 ? .blue : index <= 4 ? .white : .red
            return .tempo(color, offPeak: index % 2 == 1)
        case .ejp:
            return (status?.mobilePeak ?? 0) != 0 ? .pm : .hn
        case .offPeak:
            // The index first (§7.2: the LTARF text is supplier-defined, read it only without one).
            switch index {
            case 1: return .hc
            case 2: return .hp
            case nil: return classifiedTariffLabel?.offPeakPeriod
            default: return nil
            }
        case .producer, .other: return nil
        }
    }

    /// Tempo colour of today: historic `PTEC`, standard STGE bits 24-25.
    public var tempoToday: TempoColor? { historicPeriod?.tempoColor ?? status?.tempoToday ?? period?.tempoColor }

    /// Tempo colour of tomorrow: historic `DEMAIN`, standard STGE bits 26-27 (nil until announced).
    public var tempoTomorrow: TempoColor? { mode == .historic ? historicTomorrow : status?.tempoTomorrow }

    /// An EJP notice is in progress: historic `PEJP`; standard STGE "préavis pointe mobile" on a
    /// non-Tempo contract (Tempo meters use the same bits for their own days, §7.2).
    public var ejpNotice: Bool {
        if ejpNoticeMinutes != nil { return true }
        guard mode == .standard, tariffOption != .tempo else { return false }
        return (status?.mobilePeakNotice ?? 0) != 0
    }

    /// An EJP peak (pointe mobile) is in progress: historic `PTEC PM..`; standard STGE bits 30-31 on a
    /// non-Tempo contract.
    public var ejpPeak: Bool {
        if historicPeriod == .pm { return true }
        guard mode == .standard, tariffOption != .tempo else { return false }
        return (status?.mobilePeak ?? 0) != 0
    }

    /// Overpower warning: historic `ADPS` or `ADIR1-3`, standard STGE bit 7.
    public var overpower: Bool {
        overSubscriptionCurrent != nil || !phaseOverCurrents.isEmpty || status?.overpower == true
    }

    /// The dry contact (relay 1) is closed: STGE bit 0, or RELAIS relay 1.
    public var dryContactClosed: Bool? { status?.dryContactClosed ?? relays.map { $0.isClosed(1) } }

    /// 3 for a three-phase meter (any phase-2/3 value or `PPOT`), else 1.
    public var phases: Int {
        if currents.hasPolyphase || voltages.hasPolyphase || apparentPowerPerPhase.hasPolyphase
            || maxCurrents.hasPolyphase || phaseOverCurrents.hasPolyphase || potentials != nil
            || maxPowerYesterdayHistoric != nil || apparentPowerPerPhase.phase1 != nil {
            return 3
        }
        return 1
    }

    /// A producer: STGE bit 8, or injection values present.
    public var isProducer: Bool { status?.isProducer == true || injectedPower != nil || injectedEnergy != nil }

    /// The subscribed power: `PREF`, or historic `ISOUSC` × 200 V per phase (the Linky relation of
    /// [S54] p.15-16: ISOUSC = PREF / 200 V mono, PREF / 3 / 200 V three-phase).
    public var subscribedPower: VoltAmperes? {
        if let referencePower { return referencePower }
        return subscribedCurrent.map { VoltAmperes($0.value * 200 * phases) }
    }

    /// Total energy withdrawn: `EAST`, or the sum of the historic indexes.
    public var totalEnergy: WattHours? {
        if let totalEnergyWithdrawn { return totalEnergyWithdrawn }
        guard mode == .historic else { return nil }
        let present = supplierIndexes.compactMap { $0?.value }
        return present.isEmpty ? nil : WattHours(present.reduce(0, +))
    }
}
