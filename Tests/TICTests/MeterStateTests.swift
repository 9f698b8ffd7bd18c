import Testing
import TIC

/// Hand-checked values for frames of each kind of real capture, and the frame-scoped warnings.
struct MeterStateTests {
    @Test func historicMonoTempo() throws {
        let decoded = Fixture.decode(try Fixture.bytes("pyteleinfo__historic_mono_tempo__captured_frames.bin"))
        var state = MeterState()
        state.apply(try #require(decoded.frames.first))
        // Frame 1: ADCO 021861348497, OPTARIF BBR(, ISOUSC 30, PTEC HCJB, DEMAIN ROUG, IINST 012, PAPP 02830.
        #expect(state.mode == .historic)
        #expect(state.address == "021861348497")
        #expect(state.tariffOption == .tempo)
        #expect(state.period == .hcBlue)
        #expect(state.tempoToday == .blue && state.tempoTomorrow == .red)
        #expect(state.currents.present == [Amperes(12)])
        #expect(state.maxCurrents.phase1 == Amperes(90))
        #expect(state.subscribedCurrent == Amperes(30) && state.subscribedPower == VoltAmperes(6000))
        #expect(state.supplierIndexes[0] == WattHours(18_328_856) && state.supplierIndexes[5] == WattHours(844_115))
        #expect(state.totalEnergy == WattHours(18_328_856 + 23_739_545 + 1_466_099 + 2_132_883 + 860_118 + 844_115))
        #expect(state.phases == 1 && state.relays == nil && !state.overpower && !state.ejpNotice)
    }

    @Test func standardThreePhaseTempo() throws {
        let state = Fixture.decode(try Fixture.bytes("teleinfo-nom__message_standard.txt")).state
        // NGTF TEMPO, LTARF HC BLANC, NTARF 03, STGE 463A0800, DPM1/FPM1 with a blank season.
        #expect(state.mode == .standard && state.address == "041776199277")
        #expect(state.tariffOption == .tempo && state.tariffLabel == "HC  BLANC")
        #expect(state.period == .hcWhite && state.supplierIndexNumber == 3)
        #expect(state.tempoToday == .white && state.tempoTomorrow == .blue)
        #expect(!state.ejpNotice && !state.ejpPeak) // PM1 bits on a Tempo contract are Tempo's, not EJP
        #expect(state.status?.mobilePeak == 1)
        #expect(state.phases == 3)
        #expect(state.currents == PhaseValues(Amperes(3), Amperes(6), Amperes(3)))
        #expect(state.voltages == PhaseValues(Volts(237), Volts(238), Volts(235)))
        #expect(state.apparentPower == VoltAmperes(2700) && state.referencePower == VoltAmperes(30_000))
        #expect(state.totalEnergy == WattHours(21_849_106))
        #expect(state.clock == Horodate("H200214230804") && state.clock?.iso8601 == "2020-02-14T23:08:04+01:00")
        #expect(state.mobilePeakStarts.phase1 == Horodate(" 200214060000"))
        #expect(state.relays?.states == [true, false, false, false, false, false, false, false])
        #expect(state.message1 == "PAS DE          MESSAGE")
    }

    @Test func standardMonoBase() throws {
        let state = Fixture.decode(try Fixture.bytes("ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin")).state
        #expect(state.address == "064468368739" && state.prm == "31051967533895")
        #expect(state.tariffOption == .base && state.period == .base && state.tempoToday == nil)
        #expect(state.phases == 1 && !state.isProducer)
        #expect(state.referencePower == VoltAmperes(4000) && state.cutOffPower == VoltAmperes(4000))
        let profile = try #require(state.tomorrowProfile)
        #expect(profile.steps.count == 1 && profile.steps[0].startMinute == 0 && profile.steps[0].supplierIndex == 1)
        #expect(state.dryContactClosed == false) // STGE 003A0001: bit 0 set = open
    }

    @Test func standardProducer() throws {
        let state = Fixture.decode(try Fixture.bytes("openhab__standard_mono_producer__linky-tic-mode-standard-single-phase-prod.indextext.txt")).state
        #expect(state.isProducer && state.tariffOption == .producer && state.period == nil)
        #expect(state.injectedPower == VoltAmperes(1253) && state.injectedEnergy == WattHours(32_781))
        #expect(state.reactiveEnergy[1] == VoltAmpereReactiveHours(890))
        #expect(state.maxInjectedYesterday == VoltAmperes(1971))
        #expect(state.clock?.season == .summer)
    }

    @Test func historicThreePhaseBase() throws {
        let state = Fixture.decode(try Fixture.bytes("ticdecodecpp__continuous_linky_3P_historical_TIC_sample.bin")).state
        #expect(state.address == "056234673197" && state.tariffOption == .base && state.period == .base)
        #expect(state.phases == 3 && state.potentials == 0)
        #expect(state.maxCurrents == PhaseValues(Amperes(60), Amperes(60), Amperes(60)))
        #expect(state.subscribedPower == VoltAmperes(20 * 200 * 3))
    }

    @Test func historicEJP() throws {
        let state = Fixture.decode(try Fixture.bytes("openhab__historic_tri_ejp__cbetm-ejp-option-1.indextext.txt")).state
        #expect(state.tariffOption == .ejp && state.period == .hn && !state.ejpPeak && !state.ejpNotice)
        #expect(state.supplierIndexes[0] == WattHours(1_111_111) && state.supplierIndexes[1] == WattHours(2_222_222))
    }

    /// The STGE example of tic-protocol.md §5, decoded by hand there.
    @Test func statusRegisterReferenceVector() {
        let s = StatusRegister(rawValue: 0x463A_0800)
        #expect(s.dryContactClosed && s.breakingDevice == 0 && !s.terminalCoverOpen && !s.overpower)
        #expect(!s.isProducer && !s.isInjecting && s.supplierIndex == 3 && s.distributorIndex == 1)
        #expect(!s.clockDegraded && s.isStandardMode && s.euridis == 3 && s.cplStatus == 1 && !s.cplSynchronised)
        #expect(s.tempoToday == .white && s.tempoTomorrow == .blue && s.mobilePeakNotice == 0 && s.mobilePeak == 1)
        let all = StatusRegister(rawValue: 0xFFFF_FFFF)
        #expect(!all.dryContactClosed && all.overpower && all.supplierIndex == 16 && all.tempoToday == .red)
    }

    // MARK: warnings that a meter sends only while they hold

    private func frame(_ groups: [(String, String)], mode: TICMode = .historic) -> Frame {
        Frame(groups: groups.map { Group(mode: mode, label: Label($0.0) ?? "X", data: $0.1) })
    }

    @Test func overSubscriptionWarningClearsWhenAFrameLacksIt() {
        var state = MeterState()
        state.apply(frame([("ADCO", "021861348497"), ("OPTARIF", "BASE"), ("PTEC", "TH.."), ("IINST", "031"), ("ADPS", "031")]))
        #expect(state.overpower && state.overSubscriptionCurrent == Amperes(31))
        state.apply(frame([("ADCO", "021861348497"), ("OPTARIF", "BASE"), ("PTEC", "TH.."), ("IINST", "020")]))
        #expect(!state.overpower)
    }

    @Test func ejpNoticeThenPeak() {
        var state = MeterState()
        state.apply(frame([("OPTARIF", "EJP."), ("PTEC", "HN.."), ("PEJP", "30")]))
        #expect(state.ejpNotice && !state.ejpPeak && state.period == .hn)
        state.apply(frame([("OPTARIF", "EJP."), ("PTEC", "PM..")]))
        #expect(!state.ejpNotice && state.ejpPeak && state.period == .pm)
        // An interrupted frame proves nothing: the notice stays until a complete frame lacks it.
        state.apply(frame([("OPTARIF", "EJP."), ("PTEC", "HN.."), ("PEJP", "30")]))
        var cut = frame([("OPTARIF", "EJP.")])
        cut.end = .interrupted
        state.apply(cut)
        #expect(state.ejpNotice)
    }

    /// Three-phase short frames (§3.1): ADIR1-3 hold across the long frame of a burst and clear when
    /// a short frame lacks them or two long frames follow each other.
    @Test func threePhaseShortFrames() {
        var state = MeterState()
        let long = frame([("ADCO", "056234673197"), ("OPTARIF", "BASE"), ("PTEC", "TH.."), ("IINST1", "010")])
        let shortWithWarning = frame([("ADIR2", "064"), ("ADCO", "056234673197"), ("IINST1", "010"), ("IINST2", "064"), ("IINST3", "000")])
        let shortWithout = frame([("ADCO", "056234673197"), ("IINST1", "010"), ("IINST2", "020"), ("IINST3", "000")])
        state.apply(shortWithWarning)
        #expect(state.overpower && state.phaseOverCurrents.phase2 == Amperes(64))
        state.apply(long)
        #expect(state.overpower)
        state.apply(shortWithout)
        #expect(!state.overpower)
        state.apply(shortWithWarning)
        state.apply(long)
        state.apply(long)
        #expect(!state.overpower)
    }

    @Test func standardOverpowerAndEJPFromStatus() {
        var state = MeterState()
        state.apply(frame([("NGTF", "      EJP       "), ("NTARF", "01"), ("STGE", "10000080")], mode: .standard))
        #expect(state.overpower && state.ejpNotice && !state.ejpPeak && state.period == .hn)
        state.apply(frame([("NGTF", "      EJP       "), ("NTARF", "02"), ("STGE", "40000000")], mode: .standard))
        #expect(!state.overpower && !state.ejpNotice && state.ejpPeak && state.period == .pm)
    }

    /// A meter switched from historic to standard (or another meter on the line) starts afresh:
    /// no historic PTEC lingers to decide a standard meter's period.
    @Test func anotherModeOrMeterStartsAfresh() {
        var state = MeterState()
        state.apply(frame([("ADCO", "021861348497"), ("OPTARIF", "BBR("), ("PTEC", "HCJR"), ("PAPP", "01000")]))
        #expect(state.period == .hcRed)
        state.apply(frame([("ADSC", "021861348497"), ("NGTF", "     TEMPO      "), ("NTARF", "02")], mode: .standard))
        #expect(state.period == .hpBlue && state.apparentPower == nil && state.mode == .standard)
        state.apply(frame([("ADSC", "041776199277"), ("NTARF", "02")], mode: .standard))
        #expect(state.tariffOption == nil && state.address == "041776199277")
    }

    @Test func unknownLabelsAreKeptRaw() {
        var state = MeterState()
        state.apply(frame([("SINST1", "00240")], mode: .standard))
        #expect(state.unknownLabels == ["SINST1": "00240"])
    }
}
