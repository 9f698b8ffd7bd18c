import Controller
import Foundation
import GRDB
@testable import History
import Testing
import TIC

/// The plausibility gate end to end: a forged index (its checksum valid), a decreasing index, a long
/// silence and a meter reset must leave every total as the meter really counted it.
@Suite struct PlausibilityTests {
    static let start = MeterClock(year: 2025, month: 2, day: 5)
    static let offPeak: @Sendable (inout SimulatedMeter) -> Void = { m in m.isOffPeak = m.clock.hour >= 22 || m.clock.hour < 6 }

    static func house(seed: UInt64 = 1) -> SimulatedHousehold {
        SimulatedHousehold(mode: .historic, contract: .offPeak, load: [1000], start: start, seed: seed, tariff: offPeak)
    }

    static func replace(_ label: String, by transform: @escaping (Int) -> Int) -> (inout [Group]) -> Void {
        { groups in
            for i in groups.indices where groups[i].label.description == label {
                let value = transform(Int(groups[i].data) ?? 0)
                let text = String(value)
                groups[i].data = String(repeating: "0", count: max(0, 9 - text.count)) + text
            }
        }
    }

    @Test func forgedAndDecreasingIndexesChangeNoTotal() throws {
        var rejected = 0
        let store = try EnergyReportTests.record { recorder in
            var house = Self.house()
            house.run(hours: 10, into: &recorder)
            // 10:00: HCHP jumps by 2 464 kWh (a corrupted digit whose checksum still verifies).
            house.frame(into: &recorder, edit: Self.replace("HCHP") { $0 + 2_464_000 })
            house.run(hours: 1, into: &recorder)
            // 11:01: HCHP 500 Wh lower than true, then a small forged advance of 100 Wh.
            house.frame(into: &recorder, edit: Self.replace("HCHP") { $0 - 500 })
            house.frame(into: &recorder, edit: Self.replace("HCHP") { $0 + 100 })
            house.run(hours: 13, into: &recorder)
            house.frame(into: &recorder)
            house.frame(into: &recorder)
            rejected = recorder.rejectedCount
        }
        let day = try #require(try store.energy(by: .day).first)
        #expect(day.energy == ["hc": 8000, "hp": 16000])
        #expect(rejected >= 3)
        // Logged once for the index, not at every drop.
        #expect(try store.count("event") >= 1)
        let logged = try Self.events(store, kind: "index-rejected")
        #expect(logged.count == 1)
        #expect(logged.first?.contains("EASF02 7") == true || logged.first?.contains("dropped: too fast") == true)
    }

    @Test func longSilenceIsNotAnError() throws {
        var rejected = -1
        let store = try EnergyReportTests.record { recorder in
            var house = Self.house()
            house.run(hours: 10, into: &recorder)
            house.silence(hours: 3)  // 10:00 → 13:00: the first frame after carries 3 kWh
            house.run(hours: 11, into: &recorder)
            house.frame(into: &recorder)
            house.frame(into: &recorder)
            rejected = recorder.rejectedCount
        }
        #expect(rejected == 0)
        let day = try #require(try store.energy(by: .day).first)
        #expect(day.energy == ["hc": 8000, "hp": 16000])
        // No minute rows in the silence: 21 hours of them, and the two frames after midnight.
        #expect(try store.count("power_minute") == 21 * 60 + 2)
    }

    @Test func meterResetStartsANewSeries() throws {
        let store = try EnergyReportTests.record { recorder in
            var first = Self.house(seed: 1)
            first.run(hours: 12, into: &recorder)
            // Another meter on the line from 12:00 (another address, indexes millions of Wh apart).
            var second = Self.house(seed: 99)
            second.meter.advance(to: first.meter.clock)
            second.at = first.at
            second.run(hours: 12, into: &recorder)
            second.frame(into: &recorder)
            second.frame(into: &recorder)
        }
        #expect(try store.count("series") == 2)
        let day = try #require(try store.energy(by: .day).first)
        // Never a negative or huge delta: at most the two unconfirmed frames around the switch are lost.
        #expect(day.energy["hc"] == 8000)
        let hp = try #require(day.energy["hp"])
        #expect(hp <= 16000 && hp >= 16000 - 40)
    }

    @Test func gateUnit() {
        var gate = IndexGate()
        func reading(_ value: Int, _ seconds: Int64) -> IndexGate.Reading {
            .init(value: value, time: WallTime(millisecondsSince1970: seconds * 1000), at: .seconds(seconds))
        }
        #expect(gate.offer(reading(1000, 0), maximumPower: 6000).confirmed == nil)
        #expect(gate.offer(reading(1002, 1), maximumPower: 6000).confirmed == 1000)
        // 6 kVA × 2 × 1 s = 3.3 Wh + 2: 100 Wh in a second is too fast; lower is decreasing.
        #expect(gate.offer(reading(1100, 2), maximumPower: 6000).dropped?.reason == .tooFast)
        #expect(gate.offer(reading(999, 2), maximumPower: 6000).dropped?.reason == .decreasing)
        // After an hour of silence, 6 kWh is plausible.
        #expect(gate.offer(reading(7000, 3600), maximumPower: 6000).confirmed == 1002)
        #expect(gate.offer(reading(7001, 3601), maximumPower: 6000).confirmed == 7000)
    }

    /// Standard mode: EAST is the sum of EASF01-10. A supplier index forged by a few Wh (checksum
    /// valid, within what the meter can count, confirmed by the next true value: it passes the index's
    /// own gate) makes the frame's total disagree: its EAST and EASF are dropped, counted, logged
    /// once, and never reach a snapshot.
    @Test func totalThatDisagreesWithThePeriodIndexesIsDropped() throws {
        var rejected = -1, forged = 0
        let store = try EnergyReportTests.record { recorder in
            var house = SimulatedHousehold(mode: .standard, contract: .offPeak, load: [1000], start: Self.start, tariff: Self.offPeak)
            house.run(hours: 10, into: &recorder)
            // 10:00 (HP): EASF02 3 Wh above the truth, EAST as the meter counted.
            house.frame(into: &recorder, edit: Self.replace("EASF02") { forged = $0 + 3; return forged })
            house.run(hours: 14, into: &recorder)
            house.frame(into: &recorder)
            house.frame(into: &recorder)
            rejected = recorder.rejectedCount
        }
        #expect(rejected == 1)
        let logged = try Self.events(store, kind: "index-rejected")
        #expect(logged.count == 1 && logged.first?.contains("EAST") == true && logged.first?.contains("EASF01-10 summed") == true, "\(logged)")
        let stored = try store.database.read { db in try Int.fetchAll(db, sql: "SELECT s2 FROM energy_snapshot WHERE s2 IS NOT NULL") }
        #expect(!stored.contains(forged) && stored.count > 90)
        let day = try #require(try store.energy(by: .day).first)
        #expect(day.energy == ["hc": 8000, "hp": 16000])
    }

    /// Frames whose totals agree are never judged (no rejection over a day of standard frames), a
    /// historic meter (no EAST) is unchecked, and a meter that keeps disagreeing counts otherwise:
    /// the check stands down instead of dropping its energy for ever.
    @Test func totalCheckUnit() {
        func values(east: Int?, supplier: [Int]) -> [Int?] {
            var v = [Int?](repeating: nil, count: EnergyIndex.count)
            for (i, x) in supplier.enumerated() { v[i] = x }
            v[EnergyIndex.east.rawValue] = east
            return v
        }
        let ten = [100, 200, 0, 0, 0, 0, 0, 0, 0, 0]
        var check = TotalCheck()
        #expect(check.check(values(east: nil, supplier: [5])) == .unchecked)  // historic
        #expect(check.check(values(east: 999, supplier: ten)) == .unchecked)   // not armed yet
        #expect(check.check(values(east: 300, supplier: ten)) == .agree)
        #expect(check.check(values(east: 301, supplier: ten)) == .disagree(total: 301, sum: 300))
        #expect(check.check(values(east: 300, supplier: ten)) == .agree)
        #expect(check.check(values(east: 305, supplier: ten)) == .disagree(total: 305, sum: 300))
        #expect(check.check(values(east: 306, supplier: ten)) == .disagree(total: 306, sum: 300))
        #expect(check.check(values(east: 307, supplier: ten)) == .unchecked)   // three in a row: stands down
        #expect(check.check(values(east: 308, supplier: ten)) == .unchecked)
        #expect(check.check(values(east: 300, supplier: ten)) == .agree)       // re-armed
    }

    @Test func standardDayHasNoRejection() throws {
        var rejected = -1
        _ = try EnergyReportTests.record { recorder in
            var house = SimulatedHousehold(mode: .standard, contract: .tempo, load: [1000], start: Self.start,
                                           tariff: SimulatedHousehold.tempo(colours: [5: .white]))
            house.run(hours: 24, into: &recorder)
            rejected = recorder.rejectedCount
        }
        #expect(rejected == 0)
    }

    static func events(_ store: HistoryStore, kind: String) throws -> [String] {
        try store.events(kind: kind).map(\.detail)
    }
}
