/// A standard-mode timestamp `SAAMMJJhhmmss` (tic-protocol.md §6.3, [S54] §6.2.1.1 p.17): local legal
/// time, the season letter telling the UTC offset and whether the meter's clock is degraded.
public struct Horodate: Sendable, Hashable, CustomStringConvertible {
    public enum Season: UInt8, Sendable {
        /// `H`: winter time (UTC+1), clock correct.
        case winter = 0x48
        /// `E`: summer time (UTC+2), clock correct.
        case summer = 0x45
        /// `h`: winter time, degraded clock (lost, not yet resynchronised).
        case winterDegraded = 0x68
        /// `e`: summer time, degraded clock.
        case summerDegraded = 0x65
        /// ` `: not applicable (DPM1-3 / FPM1-3).
        case none = 0x20

        public var isDegraded: Bool { self == .winterDegraded || self == .summerDegraded }
        /// Offset from UTC in hours, when the season says it.
        public var utcOffsetHours: Int? {
            switch self {
            case .winter, .winterDegraded: 1
            case .summer, .summerDegraded: 2
            case .none: nil
            }
        }
    }

    public var season: Season
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    public init(season: Season, year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.season = season
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses the 13 bytes of a horodate; nil when the season or any field is out of range.
    public init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 13, let season = Season(rawValue: bytes[0]) else { return nil }
        func field(_ index: Int) -> Int? {
            let tens = bytes[1 + 2 * index] &- 0x30, units = bytes[2 + 2 * index] &- 0x30
            return tens < 10 && units < 10 ? Int(tens) * 10 + Int(units) : nil
        }
        guard let year = field(0), let month = field(1), let day = field(2), let hour = field(3),
              let minute = field(4), let second = field(5),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        self.init(season: season, year: 2000 + year, month: month, day: day,
                  hour: hour, minute: minute, second: second)
    }

    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let value = bytes.withUnsafeBufferPointer({ Horodate(bytes: $0) }) else { return nil }
        self = value
    }

    /// The 13 characters as sent on the wire.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let s = String(UnicodeScalar(season.rawValue))
        return s + two(year % 100) + two(month) + two(day) + two(hour) + two(minute) + two(second)
    }

    /// ISO 8601 local time with its offset when known, e.g. `2020-02-14T23:08:04+01:00`.
    public var iso8601: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let local = "\(year)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))"
        guard let offset = season.utcOffsetHours else { return local }
        return local + "+0\(offset):00"
    }
}
