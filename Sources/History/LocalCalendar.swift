import Controller
import Foundation

/// Local calendar arithmetic in the history's time zone (``HistoryConfig/timeZone``, default
/// Europe/Paris: the legal time French meters keep, tic-protocol.md §6.3). Reports bucket by local
/// days, midnight to midnight, whatever the Tempo day boundary.
public struct LocalCalendar: Sendable {
    public let zone: TimeZone

    public init(zone: TimeZone) { self.zone = zone }

    /// Nil for an unknown zone name.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.zone = zone
    }

    /// Seconds east of UTC at `seconds` since 1970 (UTC).
    func offset(atUTC seconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// The local date and hour of an instant (ms since 1970, UTC).
    public func local(_ milliseconds: Int64) -> (date: CalendarDate, hour: Int, minute: Int) {
        let utc = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let local = utc + offset(atUTC: utc)
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let second = Int(local - day * 86_400)
        return (CalendarDate(dayNumber: Int(day)), second / 3600, second / 60 % 60)
    }

    /// `YYYYMMDDHH` of an instant, as stored in `energy_snapshot.local_hour`.
    public func localHour(_ milliseconds: Int64) -> Int {
        let (date, hour, _) = local(milliseconds)
        return Self.hourKey(date, hour: hour)
    }

    public static func hourKey(_ date: CalendarDate, hour: Int) -> Int {
        ((date.year * 100 + date.month) * 100 + date.day) * 100 + hour
    }

    /// The instant (ms since 1970, UTC) local midnight of `date` starts.
    public func start(of date: CalendarDate) -> Int64 {
        let local = Int64(date.dayNumber) * 86_400
        var utc = local - offset(atUTC: local)
        utc = local - offset(atUTC: utc)
        return utc * 1000
    }

    /// `2026-01-15 14:05` local.
    public func text(_ milliseconds: Int64) -> String {
        let (date, hour, minute) = local(milliseconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(date) \(two(hour)):\(two(minute))"
    }
}
