import Testing
@testable import TIC

@Suite struct MeterClockTests {
    @Test func civilDateRoundTrip() {
        let clock = MeterClock(year: 2025, month: 1, day: 14, hour: 19, minute: 30, second: 5)
        #expect(clock.date == (2025, 1, 14))
        #expect(clock.hour == 19 && clock.minute == 30 && clock.second == 5)
        #expect(clock.weekday == 2) // a Tuesday
        #expect(MeterClock(year: 2000, month: 1, day: 1).nanoseconds == 0)
        #expect(MeterClock(year: 2024, month: 2, day: 29).adding(seconds: 86_400).date == (2024, 3, 1))
        #expect(MeterClock(year: 2025, month: 12, day: 31, hour: 23, minute: 59, second: 59).adding(seconds: 1).date
            == (2026, 1, 1))
    }

    @Test func horodateSeasonFollowsFrenchSummerTime() {
        // 2025: summer time from Sunday 30 March 02:00 to Sunday 26 October 03:00.
        #expect(MeterClock(year: 2025, month: 3, day: 30, hour: 1, minute: 59).horodate.description == "H250330015900")
        #expect(MeterClock(year: 2025, month: 3, day: 30, hour: 3).horodate.description == "E250330030000")
        #expect(MeterClock(year: 2025, month: 10, day: 26, hour: 2, minute: 30).horodate.description == "E251026023000")
        #expect(MeterClock(year: 2025, month: 10, day: 26, hour: 3).horodate.description == "H251026030000")
        #expect(MeterClock(year: 2025, month: 7, day: 10, hour: 12).horodate.season == .summer)
        #expect(MeterClock(year: 2025, month: 1, day: 10).horodateWithoutSeason.description == " 250110000000")
    }

    @Test func periodsAreAlignedOnMidnight() {
        let clock = MeterClock(year: 2025, month: 1, day: 8, hour: 18, minute: 47, second: 12)
        #expect(clock.startOfPeriod(seconds: 1800) == MeterClock(year: 2025, month: 1, day: 8, hour: 18, minute: 30))
        #expect(clock.startOfDay == MeterClock(year: 2025, month: 1, day: 8))
    }
}
