import Foundation
import Testing
import TIC
@testable import Controller

/// The wall clock the core stamps on events: told by the caller, or a meter's horodate in a replay.
struct WallTimeTests {
    @Test func aHorodateNamesItsUTCInstantBySeason() throws {
        // 2023-03-01 09:18:00 winter (UTC+1) = 08:18:00Z; 2023-07-14 12:00:00 summer (UTC+2) = 10:00:00Z.
        let winter = Horodate(season: .winter, year: 2023, month: 3, day: 1, hour: 9, minute: 18, second: 0)
        let summer = Horodate(season: .summerDegraded, year: 2023, month: 7, day: 14, hour: 12, minute: 0, second: 0)
        #expect(WallTime(winter)?.millisecondsSince1970 == 1_677_658_680_000)
        #expect(WallTime(summer)?.millisecondsSince1970 == 1_689_328_800_000)
        #expect(WallTime(Horodate(season: .none, year: 2023, month: 1, day: 1, hour: 0, minute: 0, second: 0)) == nil)
        #expect(WallTime.daysSince1970(year: 1970, month: 1, day: 1) == 0)
        #expect(WallTime.daysSince1970(year: 2000, month: 3, day: 1) == 11_017)
    }

    @Test func eventsCarryTheWallClockTheCallerGave() throws {
        var core = ControllerCore(rules: try ControllerCoreTests.rules(), at: .zero, local: ControllerCoreTests.monday)
        core.setWallClock(WallTime(millisecondsSince1970: 1_000_000), at: .seconds(10))
        var events: [ControllerEvent] = []
        core.receive(ControllerCoreTests.capture, from: 0, at: .seconds(12), into: &events)
        #expect(!events.isEmpty)
        #expect(events.allSatisfy { $0.time.millisecondsSince1970 == 1_002_000 })
        #expect(core.status.time.millisecondsSince1970 == 1_002_000)
    }

    @Test func aStandardReplayIsOnTheMetersClock() throws {
        let url = ReplayTests.fixtures.appendingPathComponent("ticdecodecpp__continuous_linky_1P_standard_TIC_sample.bin")
        let bytes = CaptureFile.stream(from: Array(try Data(contentsOf: url)))
        var replay = Replay(rules: try ControllerCoreTests.rules(ControllerCoreTests.header.replacingOccurrences(of: "mode: historic", with: "mode: auto")),
                            start: ControllerCoreTests.monday, wallStart: WallTime(millisecondsSince1970: 5))
        var events: [ControllerEvent] = []
        _ = replay.feed(bytes, meter: "main", into: &events)
        let changes = events.filter { if case .meterChanged = $0.kind { true } else { false } }
        let last = try #require(changes.last)
        let clock = try #require(replay.readings["main"]?.state.clock)
        // The last frame's time is the meter's DATE (within the frame's own time on the wire).
        let meter = try #require(WallTime(clock))
        #expect(abs(last.time.millisecondsSince1970 - meter.millisecondsSince1970) < 3000)
        #expect(last.time.millisecondsSince1970 > 1_600_000_000_000)
    }
}
