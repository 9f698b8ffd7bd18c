/// The `prices:` section of the rules file (issue 9): effective-dated prices, € including taxes. An
/// entry applies from its date until the next entry's (for the same meter). Cost is computed when a
/// report is asked, from stored energy and the entry in force on each local day, so prices entered
/// late or corrected price the past correctly.
///
/// ```yaml
/// prices:
///   - from: 2026-01-01
///     subscription: 0.5012 €/day         # or "15.24 €/month" (× 12 / 365 per day)
///     energy: { hc-blue: 0.1296, hp-blue: 0.1609 }   # € per kWh, by `linkyd decode` period names
///     injection: 0.1276                  # optional: € per kWh injected
///     meter: main                        # optional: only for this meter (else every meter)
/// ```
public struct PriceSchedule: Sendable, Hashable {
    /// Sorted by date (entries for one meter and general entries interleaved).
    public var entries: [PriceEntry]

    public init(entries: [PriceEntry] = []) {
        self.entries = entries.sorted { $0.from < $1.from }
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The entry in force on `day` for `meter`: the latest dated on or before `day` among the
    /// entries naming this meter when there are any, else among the entries naming no meter.
    public func entry(on day: CalendarDate, meter: String) -> PriceEntry? {
        let own = entries.contains { $0.meter == meter }
        return entries.last { $0.from <= day && (own ? $0.meter == meter : $0.meter == nil) }
    }
}

/// One dated price list.
public struct PriceEntry: Sendable, Hashable {
    public var from: CalendarDate
    /// Nil: the entry applies to every meter without entries of its own.
    public var meter: String?
    /// € per day (a monthly price is converted × 12 / 365).
    public var subscriptionPerDay: Double?
    /// € per kWh by period name (`hc-blue`, `hp`, `base`, `index-7`…).
    public var energy: [String: Double]
    /// € per kWh injected (producers).
    public var injection: Double?
    public var location: SourceLocation

    public init(from: CalendarDate, meter: String? = nil, subscriptionPerDay: Double? = nil,
                energy: [String: Double] = [:], injection: Double? = nil, location: SourceLocation = .start) {
        self.from = from
        self.meter = meter
        self.subscriptionPerDay = subscriptionPerDay
        self.energy = energy
        self.injection = injection
        self.location = location
    }
}
