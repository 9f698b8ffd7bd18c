import Controller
import Glibc

/// Wall-clock instants as people and the API read them: ISO 8601 in the Pi's time zone, with its
/// offset (`2026-01-15T06:00:00+01:00`), from the C library's zone rules (TZ, /etc/localtime).
public enum LocalTimestamp {
    /// `time` as ISO 8601 with the local offset, to the second.
    public static func iso8601(_ time: WallTime) -> String {
        let parts = local(time)
        let offset = parts.offsetSeconds
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return "\(parts.year)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
            + "\(sign)\(two(minutes / 60)):\(two(minutes % 60))"
    }

    /// `HH:MM` local, for the page.
    public static func clock(_ time: WallTime) -> String {
        let parts = local(time)
        return "\(two(parts.hour)):\(two(parts.minute))"
    }

    /// `DD/MM HH:MM:SS` local, for the events log.
    public static func short(_ time: WallTime) -> String {
        let parts = local(time)
        return "\(two(parts.day))/\(two(parts.month)) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    struct Parts {
        var year, month, day, hour, minute, second, offsetSeconds: Int
    }

    static func local(_ time: WallTime) -> Parts {
        var seconds = time_t(time.millisecondsSince1970 >= 0 ? time.millisecondsSince1970 / 1000 : (time.millisecondsSince1970 - 999) / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return Parts(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
                     hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec),
                     offsetSeconds: Int(parts.tm_gmtoff))
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
