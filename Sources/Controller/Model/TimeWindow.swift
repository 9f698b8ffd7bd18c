/// A daily local time window `HH:MM-HH:MM`, start included, end excluded. A window whose end is
/// before its start crosses midnight (`22:30-06:30`). Start and end are never equal.
public struct TimeWindow: Sendable, Hashable, CustomStringConvertible {
    /// Minutes of the day, 0…1439.
    public var start: Int
    /// Minutes of the day, 0…1439 (`24:00` is written as 0).
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public var crossesMidnight: Bool { end < start }

    /// Whether the minute of the day falls in the window.
    public func contains(minuteOfDay minute: Int) -> Bool {
        crossesMidnight ? (minute >= start || minute < end) : (minute >= start && minute < end)
    }

    public func contains(_ time: LocalTime) -> Bool { contains(minuteOfDay: time.minuteOfDay) }

    public var description: String { "\(Self.format(start))-\(Self.format(end))" }

    static func format(_ minutes: Int) -> String {
        let hour = minutes / 60, minute = minutes % 60
        return "\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
