import Testing
@testable import TIC

/// Each scenario tells the story it promises, with values consistent with the specification.
@Suite struct SimulatorScenarioTests {
    /// Consecutive distinct values of `label` over the frames.
    func sequence(_ frames: [SimulatedFrame], _ label: Label) -> [String] {
        var values: [String] = []
        for value in frames.compactMap({ $0[label] }) where values.last != value { values.append(value) }
        return values
    }

    @Test func tempoHistoricGoesFromBlueToRed() {
        let frames = MeterScenario.tempoBlueToRed.frames(seed: 2)
        #expect(sequence(frames, "PTEC") == ["HPJB", "HCJB", "HPJR", "HCJR"])
        #expect(sequence(frames, "DEMAIN") == ["----", "ROUG", "----", "BLAN"])
        #expect(frames.allSatisfy { $0["OPTARIF"] == "BBR(" && $0["ISOUSC"] == "45" })
        // ROUG is announced in the evening of the blue day.
        let announced = frames.first { $0["DEMAIN"] == "ROUG" }
        #expect(announced?.time.hour == 19)
        #expect(announced?["PTEC"] == "HPJB")
        // Energy goes to the index of the current period only.
        let red = frames.filter { $0["PTEC"] == "HPJR" }
        #expect(red.count >= 2)
        #expect(Set(red.compactMap { $0["BBRHPJB"] }).count == 1)
        #expect(red.last.flatMap { $0.number("BBRHPJR") } ?? 0 > red.first.flatMap { $0.number("BBRHPJR") } ?? 0)
    }

    @Test func tempoStandardCarriesColoursInSTGEAndNTARF() throws {
        let frames = MeterScenario.tempoBlueToRedStandard.frames(seed: 2)
        #expect(sequence(frames, "NTARF") == ["02", "01", "06", "05"])
        #expect(sequence(frames, "LTARF") == ["    HP  BLEU    ", "    HC  BLEU    ", "   HP  ROUGE    ", "   HC  ROUGE    "])
        #expect(frames.allSatisfy { $0["NGTF"] == "     TEMPO      " })
        for frame in frames {
            let stge = try #require(frame.statusRegister)
            let ntarf = try #require(frame.number("NTARF"))
            #expect(Int(stge >> 10 & 0xF) + 1 == ntarf)
            #expect(stge >> 17 & 1 == 1)
            let today = stge >> 24 & 3, tomorrow = stge >> 26 & 3
            #expect(today == (ntarf <= 2 ? 1 : 3), "today's colour, frame \(frame.index)")
            #expect(tomorrow == [0: 0, 1: 1, 2: 2, 3: 3][Int(tomorrow)] ?? 9)
            // Dry contact closed (bit 0 = 0) during off-peak hours, RELAIS in agreement.
            #expect((stge & 1 == 0) == (ntarf % 2 == 1))
            #expect(frame["RELAIS"] == (ntarf % 2 == 1 ? "001" : "000"))
        }
        let colours = frames.compactMap(\.statusRegister).map { ($0 >> 24 & 3, $0 >> 26 & 3) }
        var distinct: [[UInt32]] = []
        for (today, tomorrow) in colours where distinct.last != [today, tomorrow] { distinct.append([today, tomorrow]) }
        #expect(distinct == [[1, 0], [1, 3], [3, 0], [3, 2]])
        // The red day is announced as mobile peak 1: notice before 06:00, peak after.
        let peakFrames = frames.filter { $0["DPM1"] != nil }
        #expect(peakFrames.first?.groups.first { $0.label == "DPM1" }?.horodate?.description == " 250115060000")
        #expect(peakFrames.first?.groups.first { $0.label == "FPM1" }?.horodate?.description == " 250116060000")
        #expect(peakFrames.map { $0.statusRegister.map { $0 >> 28 } ?? 0 }.contains(1)) // préavis PM1
        #expect(peakFrames.map { $0.statusRegister.map { $0 >> 28 } ?? 0 }.contains(4)) // PM1 in progress
    }

    @Test func ejpNoticeThenPeak() {
        let frames = MeterScenario.ejpNoticeThenPeak.frames(seed: 4)
        #expect(sequence(frames, "PTEC") == ["HN..", "PM..", "HN.."])
        let notice = frames.filter { $0["PEJP"] != nil }
        #expect(notice.count == 7)
        #expect(notice.allSatisfy { $0["PEJP"] == "30" && $0["PTEC"] == "HN.." })
        #expect(notice.allSatisfy { $0.time.hour == 6 && $0.time.minute >= 30 })
        #expect(notice.first?.caption == "EJP notice: peak in 30 min (PEJP 30)")
        #expect(notice.last?.caption == "EJP notice: peak in 2 min (PEJP 30)")
        let peak = frames.filter { $0["PTEC"] == "PM.." }
        #expect(peak.first?.time.hour == 7)
        #expect(peak.allSatisfy { $0["PEJP"] == nil && $0.labels.contains("EJPHPM") })
        #expect(frames.allSatisfy { $0["OPTARIF"] == "EJP." && $0["DEMAIN"] == nil })
    }

    @Test func offPeakSwitchesHistoricAndStandard() {
        let historic = MeterScenario.offPeakSwitches.frames(seed: 8)
        #expect(sequence(historic, "PTEC") == ["HP..", "HC..", "HP.."])
        #expect(historic.filter { $0["PTEC"] == "HC.." }.allSatisfy { $0.time.hour >= 22 || $0.time.hour < 6 })
        let standard = MeterScenario.offPeakSwitchesStandard.frames(seed: 8)
        #expect(sequence(standard, "NTARF") == ["02", "01", "02"])
        #expect(sequence(standard, "LTARF") == [" HEURE  PLEINE  ", " HEURE  CREUSE  ", " HEURE  PLEINE  "])
        #expect(sequence(standard, "RELAIS") == ["000", "001", "000"])
        #expect(standard.allSatisfy { $0["PJOURF+1"]?.count == 98 && $0["NGTF"] == "H PLEINE/CREUSE " })
    }

    @Test func overpowerHistoricSendsADPSExactlyWhileOverISOUSC() throws {
        let frames = MeterScenario.overpower.frames(seed: 5)
        var withADPS = 0
        for frame in frames {
            let current = try #require(frame.number("IINST"))
            #expect(frame["ISOUSC"] == "30")
            if current > 30 {
                withADPS += 1
                #expect(frame.number("ADPS") == current)
                #expect(frame.caption.hasPrefix("Overpower: IINST"))
            } else {
                #expect(frame["ADPS"] == nil)
            }
            #expect(frame.labels.firstIndex(of: "ADPS").map { $0 == frame.labels.firstIndex(of: "IINST")! + 1 } ?? true)
        }
        #expect(withADPS >= 5)
        let papp = frames.compactMap { $0.number("PAPP") }
        #expect(papp.allSatisfy { $0 % 10 == 0 })
        #expect(papp.max() ?? 0 > 7000)
    }

    @Test func overpowerStandardSetsSTGEBit7AbovePREF() throws {
        let frames = MeterScenario.overpowerStandard.frames(seed: 5)
        var over = 0
        for frame in frames {
            let power = try #require(frame.number("SINSTS"))
            let bit7 = try #require(frame.statusRegister) >> 7 & 1
            #expect((bit7 == 1) == (power > 6000), "frame \(frame.index): \(power) VA")
            if bit7 == 1 { over += 1 }
            #expect(frame.number("SMAXSN") ?? 0 >= power)
        }
        #expect(over >= 5)
    }

    @Test func threePhaseHistoricBurstsOfShortFrames() {
        let frames = MeterScenario.threePhase.frames(seed: 6)
        let long = frames.filter { !$0.isShort }
        #expect(long.allSatisfy { frame in
            ["IINST1", "IINST2", "IINST3", "IMAX1", "IMAX2", "IMAX3", "PMAX", "PPOT"].allSatisfy(frame.labels.contains)
                && frame["IINST"] == nil && frame["IMAX1"] == "060" && frame["PPOT"] == "00"
        })
        let short = frames.filter(\.isShort)
        #expect(short.count == 140)
        #expect(short.allSatisfy { frame in
            let tail = Array(frame.labels.suffix(4))
            return tail == ["ADCO", "IINST1", "IINST2", "IINST3"] && frame.labels.count <= 7
        })
        let overcurrent = short.filter { $0["ADIR2"] != nil }
        #expect(overcurrent.count == 40)
        #expect(overcurrent.allSatisfy { $0.labels == ["ADIR2", "ADCO", "IINST1", "IINST2", "IINST3"]
            && $0["ADIR2"] == $0["IINST2"] && ($0.number("IINST2") ?? 0) > 20 })
        // 20 short frames then 1 long, over and over.
        let shape = frames.map { $0.isShort ? "s" : "L" }.joined()
        let cycle = String(repeating: "s", count: 20) + "L"
        #expect(shape == "LLLLLLL" + String(repeating: cycle, count: 7) + "LLLL")
    }

    @Test func threePhaseStandardPhases() throws {
        let frames = MeterScenario.threePhaseStandard.frames(seed: 6)
        for frame in frames {
            let phases = try ["SINSTS1", "SINSTS2", "SINSTS3"].map { try #require(frame.number(Label($0) ?? "")) }
            #expect(frame.number("SINSTS") == phases.reduce(0, +))
            for (index, label) in ["IRMS1", "IRMS2", "IRMS3"].enumerated() {
                let volts = try #require(frame.number(Label("URMS\(index + 1)") ?? ""))
                #expect(frame.number(Label(label) ?? "") == (phases[index] + volts / 2) / volts)
                #expect((226...234).contains(volts))
            }
            #expect(frame.labels.contains("UMOY3") && frame.labels.contains("SMAXSN3"))
            // Three-phase yesterday maxima, once labels of 9 characters exist.
            let nineCharacters = String("SMAXSN1-1") // not a literal: a literal would use init(stringLiteral:)
            #expect(frame.labels.contains("SMAXSN1-1") == (Label(nineCharacters) != nil))
        }
        // After midnight, yesterday's maximum is the day's maximum seen before.
        let firstDay = try #require(frames.first).time.day
        let before = try #require(frames.last { $0.time.day == firstDay })
        let after = try #require(frames.last)
        #expect(after.time.day == before.time.day + 1)
        #expect(after["SMAXSN-1"] == before["SMAXSN"])
    }

    @Test func producerInjectsWithSTGEBits8And9() throws {
        let frames = MeterScenario.producer.frames(seed: 9)
        var injecting = 0
        for frame in frames {
            let stge = try #require(frame.statusRegister)
            let injected = try #require(frame.number("SINSTI"))
            #expect(stge >> 8 & 1 == 1)
            #expect((stge >> 9 & 1 == 1) == (injected > 0))
            if injected > 0 { injecting += 1; #expect(frame.number("SINSTS") == 0) }
            #expect(["EAIT", "ERQ1", "ERQ2", "ERQ3", "ERQ4", "SMAXIN", "SMAXIN-1", "CCAIN", "CCAIN-1"]
                .allSatisfy(frame.labels.contains))
            #expect(frame.groups.first { $0.label == "DATE" }?.horodate?.season == .summer)
        }
        #expect(injecting == 8)
        let eait = frames.compactMap { $0.number("EAIT") }
        #expect(eait == eait.sorted() && eait.last ?? 0 > eait.first ?? 0)
    }
}
