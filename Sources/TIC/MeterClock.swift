/// The simulated meter's local legal time, in nanoseconds since 2000-01-01 00:00:00 local time.
/// Pure calendar arithmetic (proleptic Gregorian, no Foundation), enough to write horodates
/// (tic-protocol.md §6.3) and to know when a day, a half hour or a tariff period starts.
///
/// The season letter follows the French rule: summer time (`E`) from the last Sunday of March,
/// 02:00, to the last Sunday of October, 03:00; winter time (`H`) otherwise. The simulator never
/// jumps the clock by an hour at the change: scenarios are placed away from it.
public struct MeterClock: Sendable, Hashable, Comparable {
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// Nanoseconds since 2000-01-01 00:00:00 local time.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The given local date and time; fields are not validated beyond the calendar arithmetic.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = MeterClock.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        nanoseconds = seconds * MeterClock.nanosecondsPerSecond
    }

    /// Whole seconds since the epoch.
    public var seconds: Int64 { nanoseconds / MeterClock.nanosecondsPerSecond }
    /// Seconds since local midnight.
    public var secondOfDay: Int { Int(seconds % 86_400) }
    /// Days since 2000-01-01.
    public var day: Int { Int(seconds / 86_400) }

    public var hour: Int { secondOfDay / 3600 }
    public var minute: Int { secondOfDay / 60 % 60 }
    public var second: Int { secondOfDay % 60 }

    /// 0 = Sunday … 6 = Saturday (2000-01-01 was a Saturday).
    public var weekday: Int { (day + 6) % 7 }

    /// Year, month (1-12), day of month (1-31).
    public var date: (year: Int, month: Int, day: Int) { MeterClock.civil(fromDays: day) }

    public func adding(seconds: Int64) -> MeterClock {
        MeterClock(nanoseconds: nanoseconds + seconds * MeterClock.nanosecondsPerSecond)
    }

    public func adding(nanoseconds delta: Int64) -> MeterClock {
        MeterClock(nanoseconds: nanoseconds + delta)
    }

    /// Summer time (`E`) or winter time (`H`), see the type's contract.
    public var isSummerTime: Bool {
        let (year, month, _) = date
        switch month {
        case 4...9: return true
        case 3, 10:
            let lastSunday = MeterClock.lastSunday(year: year, month: month)
            let change = lastSunday.adding(seconds: month == 3 ? 2 * 3600 : 3 * 3600)
            return month == 3 ? self >= change : self < change
        default: return false
        }
    }

    /// This instant as a horodate with a correct clock (`H` or `E`).
    public var horodate: Horodate {
        let (year, month, day) = date
        return Horodate(season: isSummerTime ? .summer : .winter, year: year, month: month, day: day,
                        hour: hour, minute: minute, second: second)
    }

    /// This instant as a horodate whose season is "not applicable" (DPM1-3 / FPM1-3, §6.3).
    public var horodateWithoutSeason: Horodate {
        var value = horodate
        value.season = .none
        return value
    }

    /// Local midnight starting this day.
    public var startOfDay: MeterClock { MeterClock(nanoseconds: Int64(day) * 86_400 * MeterClock.nanosecondsPerSecond) }

    /// The start of the period of `length` seconds that contains this instant (periods are aligned
    /// on local midnight), e.g. 1800 for the load curve's half hours.
    public func startOfPeriod(seconds length: Int) -> MeterClock {
        let within = secondOfDay / length * length
        return startOfDay.adding(seconds: Int64(within))
    }

    public static func < (lhs: MeterClock, rhs: MeterClock) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    static func lastSunday(year: Int, month: Int) -> MeterClock {
        let nextMonthFirst = month == 12
            ? daysFromCivil(year: year + 1, month: 1, day: 1)
            : daysFromCivil(year: year, month: month + 1, day: 1)
        let lastDay = MeterClock(nanoseconds: Int64(nextMonthFirst - 1) * 86_400 * nanosecondsPerSecond)
        return lastDay.adding(seconds: -Int64(lastDay.weekday) * 86_400)
    }

    /// Days since 2000-01-01 of a civil date (H. Hinnant's `days_from_civil`, shifted).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 - 10_957
    }

    /// The civil date of a day count since 2000-01-01 (H. Hinnant's `civil_from_days`, shifted).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 10_957 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
