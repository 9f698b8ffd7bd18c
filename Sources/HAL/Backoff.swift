/// Exponential retry delays: `initial`, then doubling, capped at `maximum`; ``reset()`` after a success.
/// The one backoff of linkyd: reopening a serial device, retrying an OLED, reconnecting to a server
/// — forever, without hammering the system.
public struct Backoff: Sendable, Hashable {
    public let initial: Duration
    public let maximum: Duration
    private var last: Duration?

    /// `initial` is raised to at least 1 ms and `maximum` to at least `initial`.
    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(30)) {
        self.initial = max(initial, .milliseconds(1))
        self.maximum = max(maximum, self.initial)
    }

    /// The delay before the next attempt.
    public mutating func next() -> Duration {
        let delay = last.map { min($0 * 2, maximum) } ?? initial
        last = delay
        return delay
    }

    /// The next ``next()`` returns `initial` again.
    public mutating func reset() {
        last = nil
    }
}
