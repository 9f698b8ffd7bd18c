import Glibc

/// The reader's clock: `CLOCK_BOOTTIME` (what Swift's `ContinuousClock` reads on Linux) in
/// nanoseconds, as a plain `Int64`. The serial reader reads the clock a few times per wake-up (~29 a
/// second at 9600 Bd): through `ContinuousClock.now` and `Duration` arithmetic (128-bit
/// attoseconds) that cost ~300 instructions a read, here one vDSO call and integer arithmetic.
/// The daemon's `LiveController` reads the same clock for controller time.
public enum BootTime {
    /// Nanoseconds since boot.
    public static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        return Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec)
    }

    /// `duration` in whole nanoseconds, rounded up (a short wait never becomes zero) and clamped to
    /// ±100 years (no overflow in deadline arithmetic).
    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let limit: Int64 = 100 * 365 * 86_400
        if seconds >= limit { return limit &* 1_000_000_000 }
        if seconds <= -limit { return -limit &* 1_000_000_000 }
        // Division truncates toward zero: that is the ceiling for a negative part, not for a positive one.
        let nanoseconds = attoseconds > 0 ? (attoseconds &+ 999_999_999) / 1_000_000_000 : attoseconds / 1_000_000_000
        return seconds &* 1_000_000_000 &+ nanoseconds
    }

    /// `poll(2)` milliseconds for a wait of `nanoseconds`: rounded up, never negative, capped at a day.
    static func pollMilliseconds(_ nanoseconds: Int64) -> Int32 {
        if nanoseconds <= 0 { return 0 }
        if nanoseconds >= 86_400_000_000_000 { return 86_400_000 }
        return Int32((nanoseconds &+ 999_999) / 1_000_000)
    }
}
