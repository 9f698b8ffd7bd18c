import Controller

/// The plausibility gate of one cumulative index (issue 9): a value is stored, costed or published
/// only once it has passed. A checksum can verify by chance (a corrupted digit with a matching sum,
/// tic-protocol.md §2.3), so the gate checks what a checksum cannot:
///
/// 1. it never decreases;
/// 2. it never advances faster than the meter allows: ``maximumPower`` × elapsed time × 2, + 2 Wh
///    (rounding of the meter's own integer index). Elapsed time is the longer of the monotonic and
///    the wall-clock gaps, so a silence of an hour legitimately carries an hour of energy;
/// 3. it is confirmed by the next reading (which must not be below it and must itself be
///    plausible from it): a small forged advance that passes 1 and 2 is dropped when the true
///    value that follows is lower.
///
/// So the accepted sequence only grows, and never above a value the meter really sent next: totals
/// telescope to the true difference. A rejected value is counted (``rejections``), never stored.
public struct IndexGate: Sendable, Hashable {
    /// A reading at both clocks (`at` nil for one read back from the database).
    public struct Reading: Sendable, Hashable {
        public var value: Int
        public var time: WallTime
        public var at: Duration?

        public init(value: Int, time: WallTime, at: Duration?) {
            self.value = value
            self.time = time
            self.at = at
        }
    }

    public enum Rejection: String, Sendable, Hashable {
        /// Below the last accepted value.
        case decreasing
        /// More energy than the meter can count in the time elapsed.
        case tooFast = "too fast"
        /// Not confirmed: the next reading was lower, or implausible from it.
        case unconfirmed
    }

    /// The last value that passed.
    public private(set) var accepted: Reading?
    /// The last plausible value, waiting for the next reading to confirm it.
    public private(set) var pending: Reading?
    public private(set) var rejections = 0

    public init(accepted: Reading? = nil) {
        self.accepted = accepted
    }

    /// The most energy (Wh) the meter can count from `from` to `to`, at `maximumPower` VA.
    public static func allowance(from: Reading, to: Reading, maximumPower: Int) -> Int {
        var millis = to.time.millisecondsSince1970 - from.time.millisecondsSince1970
        if let start = from.at, let end = to.at {
            let (seconds, attoseconds) = (end - start).components
            millis = max(millis, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
        }
        guard millis > 0 else { return 2 }
        return Int(Int64(maximumPower) * 2 * millis / 3_600_000) + 2
    }

    /// A value dropped, and why.
    public struct Drop: Sendable, Hashable {
        public var value: Int
        public var reason: Rejection
    }

    /// Offers a reading; returns the value it confirmed (the previous plausible one), if any, and the
    /// value dropped (this one, or the pending one it did not confirm), if any.
    public mutating func offer(_ reading: Reading, maximumPower: Int) -> (confirmed: Int?, dropped: Drop?) {
        if let accepted {
            if reading.value < accepted.value { rejections += 1; return (nil, Drop(value: reading.value, reason: .decreasing)) }
            if reading.value - accepted.value > Self.allowance(from: accepted, to: reading, maximumPower: maximumPower) {
                rejections += 1
                return (nil, Drop(value: reading.value, reason: .tooFast))
            }
        }
        defer { pending = reading }
        guard let pending else { return (nil, nil) }
        if reading.value >= pending.value,
           reading.value - pending.value <= Self.allowance(from: pending, to: reading, maximumPower: maximumPower) {
            accepted = pending
            return (pending.value, nil)
        }
        // The pending value is the odd one (or this one is, but it is still between the accepted
        // value and what the meter counts): keep the newer.
        rejections += 1
        return (nil, Drop(value: pending.value, reason: .unconfirmed))
    }
}
