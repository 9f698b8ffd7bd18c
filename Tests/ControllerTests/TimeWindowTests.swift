import Controller
import Testing
import TIC

@Suite struct TimeWindowTests {
    @Test(arguments: [
        (22 * 60 + 30, 6 * 60 + 30, 23 * 60, true), (22 * 60 + 30, 6 * 60 + 30, 6 * 60 + 30, false),
        (22 * 60 + 30, 6 * 60 + 30, 0, true), (22 * 60 + 30, 6 * 60 + 30, 12 * 60, false),
        (8 * 60, 12 * 60, 8 * 60, true), (8 * 60, 12 * 60, 12 * 60, false), (8 * 60, 12 * 60, 7 * 60, false),
    ])
    func containsMinute(start: Int, end: Int, minute: Int, expected: Bool) {
        #expect(TimeWindow(start: start, end: end).contains(minuteOfDay: minute) == expected)
    }
}
