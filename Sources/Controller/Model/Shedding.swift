/// Load shedding under `shedding:`: when one meter's apparent power exceeds ``limit``, loads are
/// switched off one by one (first to last) every ``delay``; once the power has stayed below ``release``
/// for ``restoreAfter``, they come back one by one in reverse order. Shedding overrides rules.
public struct Shedding: Sendable, Hashable {
    /// The meter whose apparent power is watched.
    public var meter: String
    public var limit: PowerLevel
    /// Below the limit (hysteresis).
    public var release: PowerLevel
    /// Between two shedding (and two restoring) steps.
    public var delay: Duration
    /// How long the power must stay below ``release`` before the first load comes back.
    public var restoreAfter: Duration
    /// Output names, shed first to last, restored in reverse.
    public var loads: [String]
    public var location: SourceLocation

    public static let defaultDelay: Duration = .seconds(5)
    public static let defaultRestoreAfter: Duration = .seconds(180)

    public init(
        meter: String, limit: PowerLevel, release: PowerLevel, delay: Duration = Shedding.defaultDelay,
        restoreAfter: Duration = Shedding.defaultRestoreAfter, loads: [String], location: SourceLocation = .start
    ) {
        self.meter = meter
        self.limit = limit
        self.release = release
        self.delay = delay
        self.restoreAfter = restoreAfter
        self.loads = loads
        self.location = location
    }
}
