import TIC

extension LocalTime {
    /// The local time a meter's clock (`DATE`) says: its weekday and minute of the day.
    public init(_ horodate: Horodate) {
        let clock = MeterClock(year: horodate.year, month: horodate.month, day: horodate.day)
        let weekday = Weekday(isoNumber: clock.weekday == 0 ? 7 : clock.weekday) ?? .monday
        self.init(weekday: weekday, hour: horodate.hour, minute: horodate.minute)
    }

    /// This time `elapsed` later (whole minutes; the weekday follows across midnights).
    public func advanced(by elapsed: Duration) -> LocalTime {
        let minutes = Int(elapsed.components.seconds / 60)
        let total = weekday.isoNumber * 1440 - 1440 + minuteOfDay + minutes
        let days = total / 1440
        return LocalTime(weekday: Weekday(isoNumber: days % 7 + 1) ?? .monday, minuteOfDay: total % 1440)
    }
}
