/// The local time vocabulary every target shares (the rules' `time:` windows, the OLED's night
/// dimming, the meter's clock): a time of day and a daily window. Local wall-clock time, as French
/// meters keep it (tic-protocol.md §6.3); the caller reads the clock and the time zone.

/// A local time of day, hours 0-23 and minutes 0-59.
public struct TimeOfDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// 0…1439.
    public let minuteOfDay: Int

    /// Out-of-range values wrap (25:70 is 02:10).
    public init(hour: Int, minute: Int) {
        self.init(minuteOfDay: hour * 60 + minute)
    }

    /// Wraps into 0…1439.
    public init(minuteOfDay: Int) {
        self.minuteOfDay = (minuteOfDay % 1440 + 1440) % 1440
    }

    /// `22:30`, `7:05` (hours 0-23); nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var hour: Int { minuteOfDay / 60 }
    public var minute: Int { minuteOfDay % 60 }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minuteOfDay < rhs.minuteOfDay }

    /// `07:05`.
    public var description: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }
}

/// A daily local time window `HH:MM-HH:MM`, start included, end excluded. A window whose end is
/// before its start crosses midnight (`22:30-06:30`). The rules compiler never makes one whose start
/// and end are equal.
public struct TimeWindow: Sendable, Hashable, CustomStringConvertible {
    /// Minutes of the day, 0…1439.
    public var start: Int
    /// Minutes of the day, 0…1439 (`24:00` is written as 0).
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public init(from: TimeOfDay, to: TimeOfDay) {
        self.init(start: from.minuteOfDay, end: to.minuteOfDay)
    }

    public var from: TimeOfDay { TimeOfDay(minuteOfDay: start) }
    public var to: TimeOfDay { TimeOfDay(minuteOfDay: end) }

    public var crossesMidnight: Bool { end < start }

    /// Whether the minute of the day falls in the window.
    public func contains(minuteOfDay minute: Int) -> Bool {
        crossesMidnight ? (minute >= start || minute < end) : (minute >= start && minute < end)
    }

    public func contains(_ time: TimeOfDay) -> Bool { contains(minuteOfDay: time.minuteOfDay) }

    public var description: String { "\(from)-\(to)" }
}
