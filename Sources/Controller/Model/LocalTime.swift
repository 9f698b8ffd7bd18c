import TIC

/// Local wall-clock time as the pure code sees it: a weekday and a minute of the day. The caller
/// reads the clock and the time zone; rules compare against this value only.
public struct LocalTime: Sendable, Hashable, CustomStringConvertible {
    public var weekday: Weekday
    /// 0…1439.
    public var minuteOfDay: Int

    public init(weekday: Weekday, minuteOfDay: Int) {
        self.weekday = weekday
        self.minuteOfDay = ((minuteOfDay % 1440) + 1440) % 1440
    }

    public init(weekday: Weekday, hour: Int, minute: Int) {
        self.init(weekday: weekday, minuteOfDay: hour * 60 + minute)
    }

    /// The time of day, without the weekday.
    public var timeOfDay: TimeOfDay { TimeOfDay(minuteOfDay: minuteOfDay) }

    public var description: String {
        let hour = minuteOfDay / 60, minute = minuteOfDay % 60
        return "\(weekday.rawValue) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
