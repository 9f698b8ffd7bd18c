import Testing
@testable import TIC

/// Counters follow the physics: energy = power × time, DATE = the meter clock.
@Suite struct SimulatorPhysicsTests {
    /// Between two frames the loads stay those of the first frame, so each index grows by its
    /// power × the time between the frames' starts (±1 Wh of carried remainder).
    @Test(arguments: MeterScenario.allCases.filter { $0.mode == .standard })
    func standardEnergyGrowsByPowerTimesTime(_ scenario: MeterScenario) throws {
        let frames = scenario.frames(seed: 12)
        for (previous, next) in zip(frames, frames.dropFirst()) {
            let seconds = Double(next.time.nanoseconds - previous.time.nanoseconds) / 1e9
            let withdrawn = Double(try #require(previous.number("SINSTS"))) * seconds / 3600
            let east = try #require(next.number("EAST")) - (try #require(previous.number("EAST")))
            #expect(abs(Double(east) - withdrawn) <= 1.0, "frame \(next.index): \(east) Wh for \(withdrawn)")
            #expect(next["EASD01"] == next["EAST"])
            if scenario == .producer {
                let injected = Double(try #require(previous.number("SINSTI"))) * seconds / 3600
                let eait = try #require(next.number("EAIT")) - (try #require(previous.number("EAIT")))
                #expect(abs(Double(eait) - injected) <= 1.0)
            }
        }
        // EAST is the sum of the supplier indexes.
        for frame in frames {
            let sum = try (1...10).map { index in
                try #require(frame.number(Label(index < 10 ? "EASF0\(index)" : "EASF10") ?? ""))
            }.reduce(0, +)
            #expect(frame.number("EAST") == sum)
        }
    }

    @Test(arguments: [MeterScenario.tempoBlueToRed, .offPeakSwitches, .ejpNoticeThenPeak, .overpower])
    func historicEnergyGrowsByPowerTimesTime(_ scenario: MeterScenario) throws {
        let frames = scenario.frames(seed: 12)
        for (previous, next) in zip(frames, frames.dropFirst()) {
            let seconds = Double(next.time.nanoseconds - previous.time.nanoseconds) / 1e9
            // PAPP is rounded to 10 VA.
            let power = Double(try #require(previous.number("PAPP")))
            let total = { (frame: SimulatedFrame) in
                frame.groups.filter { $0.known.map { (KnownLabel.base.rawValue...KnownLabel.bbrhpjr.rawValue)
                    .contains($0.rawValue) } ?? false }.compactMap { Int($0.data) }.reduce(0, +)
            }
            let delta = Double(total(next) - total(previous))
            #expect(abs(delta - power * seconds / 3600) <= 1.0 + 5 * seconds / 3600, "frame \(next.index)")
        }
    }

    @Test(arguments: MeterScenario.allCases.filter { $0.mode == .standard })
    func dateFollowsTheMeterClock(_ scenario: MeterScenario) throws {
        let frames = scenario.frames(seed: 1)
        var previous: Horodate?
        for frame in frames {
            let date = try #require(frame.groups.first { $0.label == "DATE" })
            #expect(date.data.isEmpty)
            #expect(date.horodate == frame.time.horodate)
            if let previous, let horodate = date.horodate {
                #expect(previous.description.dropFirst() <= horodate.description.dropFirst())
            }
            previous = date.horodate
            // Every horodated value refers to a moment no later than now.
            for group in frame.groups where group.label != "DATE" {
                guard let horodate = group.horodate, horodate.season != .none else { continue }
                #expect(horodate.description.dropFirst() <= frame.time.horodate.description.dropFirst(), "\(group)")
            }
        }
        #expect(frames.first?.time != frames.last?.time)
    }

    @Test func loadCurvePointIsTheMeanPowerOfTheHalfHour() throws {
        // Off-peak standard: about 3 900 VA from 22:00 until the clock jumps to 01:30, so the point
        // ending at 01:30 (CCASN) and the one before (CCASN-1) are close to it.
        let frames = MeterScenario.offPeakSwitchesStandard.frames(seed: 3)
        let night = try #require(frames.first { $0.time.hour == 1 })
        let last = try #require(night.groups.first { $0.label == "CCASN" })
        let previous = try #require(night.groups.first { $0.label == "CCASN-1" })
        #expect(last.horodate?.description == "H250206013000")
        #expect(previous.horodate?.description == "H250206010000")
        #expect((3800...4000).contains(try #require(Int(last.data))))
        #expect((3800...4000).contains(try #require(Int(previous.data))))
        // Mean voltage points end on 10-minute boundaries.
        let umoy = try #require(night.groups.first { $0.label == "UMOY1" })
        #expect(umoy.horodate?.description == "H250206013000")
    }
}
