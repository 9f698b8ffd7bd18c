/// How long decisions took in the running daemon: from the start of handling the read that held the
/// deciding byte to the output's line driven (the line's `drive` included), for the last
/// ``capacity`` switches. Recorded under the controller's lock at each switch, in place (no
/// allocation after the first switches); summarised on request (`linkyd run` logs it when it stops,
/// the benchmarks read it).
public struct DecisionTimes: Sendable {
    public static let capacity = 8192
    private var samples: [Int64] = []
    private var next = 0
    public private(set) var count = 0

    public init() {}

    mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if samples.count < Self.capacity {
            samples.append(nanoseconds)
        } else {
            samples[next] = nanoseconds
        }
        next = (next + 1) % Self.capacity
        count += 1
    }

    /// Percentiles over the kept samples, nil before the first switch.
    public var summary: Summary? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> Duration { .nanoseconds(sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]) }
        return Summary(switches: count, kept: sorted.count, p50: at(0.5), p99: at(0.99), max: .nanoseconds(sorted[sorted.count - 1]))
    }

    public struct Summary: Sendable, CustomStringConvertible {
        public var switches: Int
        /// How many of the last switches the percentiles cover.
        public var kept: Int
        public var p50: Duration
        public var p99: Duration
        public var max: Duration

        public var description: String {
            func micro(_ d: Duration) -> String {
                let (s, a) = d.components
                let us = Double(s) * 1e6 + Double(a) / 1e12
                return us < 10 ? String(format: "%.1f µs", us) : String(format: "%.0f µs", us)
            }
            return "decision latency (read → line driven) over \(kept == switches ? "\(switches)" : "the last \(kept) of \(switches)") switches: "
                + "p50 \(micro(p50)), p99 \(micro(p99)), max \(micro(max))"
        }
    }
}
