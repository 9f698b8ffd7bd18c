/// Scripts about tariff periods: Tempo, EJP, off-peak hours (tic-protocol.md §3, §7).
extension MeterSimulator {
    /// Tempo, 14-15 January 2025: a blue Tuesday; at 19:30 tomorrow is announced red; off-peak
    /// from 22:00; the red day starts at 06:00 (a Tempo day runs 06:00 → 06:00), heating is
    /// trimmed; at 12:00 the day after is announced white; red off-peak hours from 22:00.
    /// Standard mode also announces the red day as mobile peak 1 (DPM1/FPM1, STGE bits 28-31),
    /// as the teleinfo-nom capture shows on a white day.
    static func tempo(mode: TICMode, generator: inout SeededGenerator) -> Script {
        let day = MeterClock(year: 2025, month: 1, day: 14)
        let meter = meter(mode, contract: .tempo, kVA: 9, load: [1200], day: day, start: t(14), generator: &generator)
        let redStart = day.adding(seconds: t(30)), redEnd = day.adding(seconds: t(54))
        let standard = mode == .standard
        let steps = [
            ScenarioStep(at: t(14), frames: 4, "Blue day, peak hours (HPJB); tomorrow not announced yet") { m, i in
                if i == 0 { m.tempoToday = .blue; m.tempoTomorrow = .unknown; m.isOffPeak = false }
            },
            ScenarioStep(at: t(19, 30), frames: 4, "Tomorrow announced RED (DEMAIN ROUG)") { m, i in
                guard i == 0 else { return }
                m.tempoTomorrow = .red
                m.baseLoad = [2600]
                if standard { m.mobilePeak = .init(start: redStart, end: redEnd) }
            },
            ScenarioStep(at: t(22), frames: 4, "Blue day, off-peak hours (HCJB): water heater on") { m, i in
                if i == 0 { m.isOffPeak = true; m.baseLoad = [3400] }
            },
            ScenarioStep(at: t(30), frames: 4, "RED day: peak hours at the highest price (HPJR)") { m, i in
                if i == 0 { m.tempoToday = .red; m.tempoTomorrow = .unknown; m.isOffPeak = false; m.baseLoad = [1900] }
            },
            ScenarioStep(at: t(30, 5), frames: 3, "RED day: heating trimmed to save money") { m, i in
                if i == 0 { m.baseLoad = [700] }
            },
            ScenarioStep(at: t(36), frames: 3, "RED day; tomorrow announced WHITE (DEMAIN BLAN)") { m, i in
                if i == 0 { m.tempoTomorrow = .white }
            },
            ScenarioStep(at: t(46), frames: 4, "RED day, off-peak hours (HCJR): water heater on") { m, i in
                if i == 0 { m.isOffPeak = true; m.baseLoad = [3300] }
            },
        ]
        return Script(meter: meter, steps: steps)
    }

    /// EJP, 20-21 January 2025: normal hours; the 30-minute notice from 06:30 (PEJP 30); the
    /// mobile peak 07:00 → 01:00 (PTEC PM..), loads shed; normal hours again. PEJP is sent during
    /// the notice only ([S54] p.15-16; whether it stays during the peak is uncertain, §7.1).
    static func ejp(generator: inout SeededGenerator) -> Script {
        let day = MeterClock(year: 2025, month: 1, day: 20)
        let meter = meter(.historic, contract: .ejp, kVA: 12, load: [2200], day: day, start: t(5, 30),
                          generator: &generator)
        let peak = day.adding(seconds: t(7))
        let notice: @Sendable (SimulatedMeter) -> String = { m in
            let left = max(0, (peak.nanoseconds - m.clock.nanoseconds + 59 * MeterClock.nanosecondsPerSecond)
                / (60 * MeterClock.nanosecondsPerSecond))
            return "EJP notice: peak in \(left) min (PEJP 30)"
        }
        let steps = [
            ScenarioStep(at: t(5, 30), frames: 4, "EJP normal hours (HN..)"),
            ScenarioStep(at: t(6, 30), frames: 3, caption: notice) { m, i in if i == 0 { m.isEJPNotice = true } },
            ScenarioStep(at: t(6, 45), frames: 2, caption: notice),
            ScenarioStep(at: t(6, 58), frames: 2, caption: notice),
            ScenarioStep(at: t(7), frames: 4, "EJP mobile peak until 01:00 (PM..): heating shed") { m, i in
                if i == 0 { m.isEJPNotice = false; m.isEJPPeak = true; m.baseLoad = [800] }
            },
            ScenarioStep(at: t(18, 30), frames: 3, "EJP mobile peak, evening (PM..)") { m, i in
                if i == 0 { m.baseLoad = [1400] }
            },
            ScenarioStep(at: t(25), frames: 4, "EJP peak over: normal hours (HN..), heating back") { m, i in
                if i == 0 { m.isEJPPeak = false; m.baseLoad = [4600] }
            },
        ]
        return Script(meter: meter, steps: steps)
    }

    /// Off-peak hours 22:00 → 06:00, 5-6 February 2025: the water heater runs on the dry contact
    /// during HC (standard: STGE bit 0 = 0 and RELAIS 001 meanwhile).
    static func offPeak(mode: TICMode, generator: inout SeededGenerator) -> Script {
        let day = MeterClock(year: 2025, month: 2, day: 5)
        let meter = meter(mode, contract: .offPeak, kVA: 6, load: [1500], day: day, start: t(21, 40),
                          generator: &generator)
        let peakText = mode == .historic ? "Peak hours (HP..)" : "Peak hours (NTARF 02, HEURE PLEINE)"
        let offText = mode == .historic ? "Off-peak hours (HC..)" : "Off-peak hours (NTARF 01, HEURE CREUSE)"
        let steps = [
            ScenarioStep(at: t(21, 40), frames: 4, peakText) { m, i in if i == 0 { m.isOffPeak = false } },
            ScenarioStep(at: t(22), frames: 4, offText + ": water heater on") { m, i in
                if i == 0 { m.isOffPeak = true; m.baseLoad = [3900] }
            },
            ScenarioStep(at: t(25, 30), frames: 3, offText + ": water heater done") { m, i in
                if i == 0 { m.baseLoad = [350] }
            },
            ScenarioStep(at: t(30), frames: 4, peakText + " again: morning") { m, i in
                if i == 0 { m.isOffPeak = false; m.baseLoad = [1700] }
            },
            ScenarioStep(at: t(30, 45), frames: 3, peakText + ": house empty") { m, i in
                if i == 0 { m.baseLoad = [300] }
            },
        ]
        return Script(meter: meter, steps: steps)
    }
}
