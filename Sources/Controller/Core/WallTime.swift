/// A wall-clock instant, UTC: milliseconds since 1970-01-01T00:00:00Z. The pure code never reads a
/// clock: the caller says what time it is (``ControllerCore/setWallClock(_:at:)``); local calendar days
/// are the observer's business (the history, with the Pi's time zone).
public struct WallTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public init(secondsSince1970: Double) {
        millisecondsSince1970 = Int64((secondsSince1970 * 1000).rounded())
    }

    public var secondsSince1970: Double { Double(millisecondsSince1970) / 1000 }

    /// This instant `duration` later.
    public func advanced(by duration: Duration) -> WallTime {
        let (seconds, attoseconds) = duration.components
        return WallTime(millisecondsSince1970: millisecondsSince1970 + seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    public static func < (lhs: WallTime, rhs: WallTime) -> Bool { lhs.millisecondsSince1970 < rhs.millisecondsSince1970 }

    public var description: String { "\(millisecondsSince1970) ms since 1970 (UTC)" }
}

import TIC

extension WallTime {
    /// The instant a meter's horodate names: its local legal time less the UTC offset its season letter
    /// gives (tic-protocol.md §6.3: `H` winter UTC+1, `E` summer UTC+2; lower case: degraded clock,
    /// same offsets). Nil for a horodate without a season (DPM/FPM).
    public init?(_ horodate: Horodate) {
        guard let offset = horodate.season.utcOffsetHours else { return nil }
        let days = WallTime.daysSince1970(year: horodate.year, month: horodate.month, day: horodate.day)
        let seconds = Int64(days) * 86_400 + Int64(horodate.hour * 3600 + horodate.minute * 60 + horodate.second)
            - Int64(offset * 3600)
        self.init(millisecondsSince1970: seconds * 1000)
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
