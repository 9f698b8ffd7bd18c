import Controller
import Foundation
import History
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

    static func events(_ store: HistoryStore, kind: String) throws -> [String] {
        try store.events(kind: kind).map(\.detail)
    }
}
