/// A day of the week, as rules files write it (`mon`…`sun`).
public enum Weekday: String, Sendable, Hashable, CaseIterable, Comparable {
    case monday = "mon", tuesday = "tue", wednesday = "wed", thursday = "thu", friday = "fri"
    case saturday = "sat", sunday = "sun"

    /// Monday…Friday (`weekdays`).
    public static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
    /// Saturday and Sunday (`weekend`).
    public static let weekend: Set<Weekday> = [.saturday, .sunday]

    /// ISO 8601 number: Monday 1 … Sunday 7.
    public var isoNumber: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// From an ISO 8601 number (Monday 1 … Sunday 7).
    public init?(isoNumber: Int) {
        guard (1...7).contains(isoNumber) else { return nil }
        self = Self.allCases[isoNumber - 1]
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.isoNumber < rhs.isoNumber }
}
