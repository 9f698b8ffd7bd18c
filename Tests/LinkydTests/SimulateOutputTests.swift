import Controller
import Foundation
import Testing
import TIC
@testable import linkyd

/// `linkyd simulate`'s JSON Lines: one object per switch, with the contract's keys.
struct SimulateOutputTests {
    @Test func eventJSON() throws {
        let change = OutputChange(output: "water-heater", from: .on, to: .off, reason: .rule("no heating in red"))
        let event = Replay.Event(frame: 3, time: .milliseconds(1583), change: change)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(event.json.utf8)) as? [String: Any])
        #expect(object["frame"] as? Int == 3 && object["output"] as? String == "water-heater")
        #expect(object["state"] as? String == "off" && object["reason"] as? String == "rule 'no heating in red'")
        #expect(object["reason_kind"] as? String == "rule" && object["time_ms"] as? Int == 1583)
        #expect(event.json.hasPrefix("{\"frame\":3,\"output\":"))
    }

    @Test(arguments: [("mon 06:30", Weekday.monday, 390), ("Sun 23:59", .sunday, 1439)])
    func startTimes(_ text: String, _ day: Weekday, _ minute: Int) throws {
        let time = try #require(LocalTime(parsing: text))
        #expect(time.weekday == day && time.minuteOfDay == minute)
    }

    @Test(arguments: ["monday", "mon 25:00", "06:30", "xyz 06:30"])
    func badStartTimes(_ text: String) {
        #expect(LocalTime(parsing: text) == nil)
    }
}
