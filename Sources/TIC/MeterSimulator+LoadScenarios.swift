/// Scripts about power: overpower, three-phase loads and short frames, production.
extension MeterSimulator {
    /// Overpower, 8 January 2025, 6 kVA single-phase (ISOUSC 30 A): an evening load, then oven,
    /// kettle and heaters pile up to about 8 kVA, then the oven stops. Historic: ADPS appears while
    /// IINST > ISOUSC (tic-protocol.md §3); standard: STGE bit 7 while SINSTS > PREF (§5).
    static func overpower(mode: TICMode, generator: inout SeededGenerator) -> Script {
        let day = MeterClock(year: 2025, month: 1, day: 8)
        let meter = meter(mode, contract: .base, kVA: 6, load: [1500], day: day, start: t(18), generator: &generator)
        let rising: @Sendable (SimulatedMeter) -> String = { m in
            let limit = "\(va(m.totalLoad)) of \(va(m.subscribedKVA * 1000)) subscribed"
            if mode == .historic, m.current(phase: 0) > m.subscribedCurrent {
                return "Overpower: IINST \(m.current(phase: 0)) A > ISOUSC \(m.subscribedCurrent) A (ADPS), \(limit)"
            }
            if mode == .standard, m.isOverReferencePower { return "Overpower: \(limit) (STGE bit 7)" }
            return "Power rising: \(limit)"
        }
        let steps = [
            ScenarioStep(at: t(18), frames: 3, caption: { m in "Evening load: \(va(m.totalLoad))" }),
            ScenarioStep(at: t(18, 30), frames: 13, caption: rising) { m, i in m.baseLoad = [2000 + 500 * i] },
            ScenarioStep(at: 0, frames: 4, caption: rising) { m, _ in m.baseLoad = [7800] },
            ScenarioStep(at: t(18, 40), frames: 4, caption: { m in "Oven off: back under the limit, \(va(m.totalLoad))" }) {
                m, i in if i == 0 { m.baseLoad = [2500] }
            },
        ]
        return Script(meter: meter, steps: steps)
    }

    /// Historic three-phase, 21 January 2025, 12 kVA (ISOUSC 20 A a phase), BASE: balanced
    /// loads, an oven on phase 2 then a phase-2 overcurrent: the meter sends cycles of 20 short
    /// frames (ADIR2, ADCO, IINST1-3) and 1 long frame, and keeps doing so for a minute after the
    /// overcurrent ends (tic-protocol.md §3.1).
    static func threePhaseHistoric(generator: inout SeededGenerator) -> Script {
        let day = MeterClock(year: 2025, month: 1, day: 21)
        let meter = meter(.historic, phases: 3, contract: .base, kVA: 12, load: [900, 1200, 700], day: day,
                          start: t(7), generator: &generator)
        let steps = [
            ScenarioStep(at: t(7), frames: 4, "Three-phase morning: balanced loads"),
            ScenarioStep(at: t(7, 15), frames: 3, caption: { m in "Oven on phase 2: IINST2 \(m.current(phase: 1)) A" }) {
                m, i in if i == 0 { m.baseLoad = [900, 3900, 700] }
            },
            ScenarioStep(at: t(7, 20), frames: 42, caption: { m in
                "Phase 2 overcurrent: IINST2 \(m.current(phase: 1)) A > \(m.subscribedCurrent) A, short frames (ADIR2)"
            }, pattern: .shortBurst) { m, i in if i == 0 { m.baseLoad = [900, 6100, 700] } },
            ScenarioStep(at: 0, frames: 105, "Overcurrent over: short frames go on for one minute", pattern: .shortBurst) {
                m, i in if i == 0 { m.baseLoad = [900, 2100, 700] }
            },
            ScenarioStep(at: 0, frames: 4, "Back to long frames") { m, i in if i == 0 { m.baseLoad = [800, 1900, 600] } },
        ]
        return Script(meter: meter, steps: steps)
    }

    /// Standard three-phase, 22-23 January 2025, 12 kVA BASE: night, a heat pump on all three
    /// phases, an oven unbalancing phase 1, and midnight (SMAXSN* move to SMAXSN*-1).
    static func threePhaseStandard(generator: inout SeededGenerator) -> Script {
        let day = MeterClock(year: 2025, month: 1, day: 22)
        let meter = meter(.standard, phases: 3, contract: .base, kVA: 12, load: [300, 250, 400], day: day,
                          start: t(6), generator: &generator)
        let phases: @Sendable (SimulatedMeter) -> String = { m in
            m.load.map { va($0) }.joined(separator: " / ")
        }
        let steps = [
            ScenarioStep(at: t(6), frames: 4, caption: { m in "Night, heat pump idle: \(phases(m))" }),
            ScenarioStep(at: t(6, 30), frames: 4, caption: { m in "Heat pump running on 3 phases: \(phases(m))" }) {
                m, i in if i == 0 { m.baseLoad = [2400, 2350, 2500] }
            },
            ScenarioStep(at: t(11, 45), frames: 4, caption: { m in "Oven on phase 1, phases unbalanced: \(phases(m))" }) {
                m, i in if i == 0 { m.baseLoad = [5400, 2350, 2500] }
            },
            ScenarioStep(at: t(12, 30), frames: 4, caption: { m in "Oven off: \(phases(m))" }) {
                m, i in if i == 0 { m.baseLoad = [2500, 2300, 2450] }
            },
            ScenarioStep(at: t(24, 5), frames: 3, caption: { m in "After midnight: maxima restart (SMAXSN-1 = yesterday), \(phases(m))" }) {
                m, i in if i == 0 { m.baseLoad = [600, 500, 700] }
            },
        ]
        return Script(meter: meter, steps: steps)
    }

    /// Standard single-phase producer, 10 July 2025 (summer time, `E` horodates), 6 kVA BASE with
    /// solar panels: withdrawing at dawn, injecting through the day (SINSTI, EAIT, STGE bit 9),
    /// withdrawing again in the evening. STGE bit 8 (producer) is always set.
    static func producer(generator: inout SeededGenerator) -> Script {
        let day = MeterClock(year: 2025, month: 7, day: 10)
        let meter = meter(.standard, contract: .base, producer: true, kVA: 6, load: [450], day: day, start: t(6),
                          generator: &generator)
        let steps = [
            ScenarioStep(at: t(6), frames: 3, caption: { m in "Dawn: withdrawing \(va(m.totalLoad)), no production" }),
            ScenarioStep(at: t(9), frames: 3, caption: { m in "Morning sun covers most of the house: withdrawing \(va(m.totalLoad))" }) {
                m, i in if i == 0 { m.baseLoad = [150] }
            },
            ScenarioStep(at: t(11), frames: 4, caption: { m in "Injecting \(va(m.injection)) into the grid (STGE bit 9)" }) {
                m, i in if i == 0 { m.baseLoad = [0]; m.baseInjection = 1800 }
            },
            ScenarioStep(at: t(13, 30), frames: 4, caption: { m in "Solar peak: injecting \(va(m.injection))" }) {
                m, i in if i == 0 { m.baseInjection = 3200 }
            },
            ScenarioStep(at: t(19, 30), frames: 3, caption: { m in "Evening: withdrawing \(va(m.totalLoad)) again" }) {
                m, i in if i == 0 { m.baseLoad = [1900]; m.baseInjection = 0 }
            },
        ]
        return Script(meter: meter, steps: steps)
    }
}
