import HAL

/// When to try an absent or failing panel again, and when to say so: a pure decision.
///
/// The first failure is reported; the same error again is not (a missing display must not flood the
/// journal every second), a different one is. Attempts are spaced `initial`, doubling up to `maximum`.
/// A success after failures is reported once ("display back").
public struct PanelRetry: Sendable, Hashable {
    public let initial: Duration
    public let maximum: Duration
    public private(set) var nextAttempt: ContinuousClock.Instant?
    public private(set) var lastError: HardwareError?
    private var backoff: Backoff

    public init(initial: Duration = .seconds(2), maximum: Duration = .seconds(60)) {
        backoff = Backoff(initial: initial, maximum: maximum)
        self.initial = backoff.initial
        self.maximum = backoff.maximum
    }

    /// Whether the panel is failing.
    public var isFailing: Bool { lastError != nil }

    /// Whether to try the panel at `now`.
    public func shouldAttempt(at now: ContinuousClock.Instant) -> Bool {
        nextAttempt.map { now >= $0 } ?? true
    }

    /// Records a failure at `now`; returns whether to report it (first, or different from the last).
    public mutating func failed(_ error: HardwareError, at now: ContinuousClock.Instant) -> Bool {
        nextAttempt = now + backoff.next()
        defer { lastError = error }
        return error != lastError
    }

    /// Records a success; returns whether it ends a failure (worth reporting as a recovery).
    public mutating func succeeded() -> Bool {
        defer {
            lastError = nil
            backoff.reset()
            nextAttempt = nil
        }
        return lastError != nil
    }
}
