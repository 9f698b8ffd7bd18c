/// The intervals of `linkyd report --by` and `linkyd export --step`, in local time.
public enum ReportStep: String, Sendable, CaseIterable {
    case minute, hour, day, month, year

    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` (the hour is separate): the `date` key of `report --json`.
    public func dateText(_ date: CalendarDateKey) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        switch self {
        case .minute, .hour, .day: return "\(date.year)-\(two(date.month))-\(two(date.day))"
        case .month: return "\(date.year)-\(two(date.month))"
        case .year: return "\(date.year)"
        }
    }
}

/// A local date with an optional hour, as an interval's key (`YYYYMMDDHH`-ordered).
public struct CalendarDateKey: Sendable, Hashable, Comparable {
    public var year: Int, month: Int, day: Int, hour: Int?

    public init(year: Int, month: Int, day: Int, hour: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
    }

    /// The interval of `step` that contains this key.
    public func truncated(to step: ReportStep) -> CalendarDateKey {
        switch step {
        case .minute, .hour: return self
        case .day: return CalendarDateKey(year: year, month: month, day: day)
        case .month: return CalendarDateKey(year: year, month: month, day: 1)
        case .year: return CalendarDateKey(year: year, month: 1, day: 1)
        }
    }

    public static func < (lhs: CalendarDateKey, rhs: CalendarDateKey) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour ?? -1) < (rhs.year, rhs.month, rhs.day, rhs.hour ?? -1)
    }
}
