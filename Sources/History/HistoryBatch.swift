/// What the recorder accumulated since the last commit: written in one transaction
/// (``HistoryStore/write(_:)``). Rows refer to series by the ids the recorder allocated (one writer
/// per database: ``HistoryStore/resumePoints(meters:)`` gives the next free id).
public struct HistoryBatch: Sendable, Hashable {
    public var series: [SeriesRow] = []
    /// Series whose tariff option became known after they started.
    public var tariffUpdates: [(id: Int64, tariff: String)] { tariffChanges.map { ($0.id, $0.tariff) } }
    var tariffChanges: [TariffChange] = []
    public var power: [PowerRow] = []
    public var snapshots: [SnapshotRow] = []
    public var events: [EventRow] = []
    /// The latest event time seen: hours before this one's are complete and rolled up.
    public var now: Int64 = 0

    public init() {}

    public var isEmpty: Bool { series.isEmpty && tariffChanges.isEmpty && power.isEmpty && snapshots.isEmpty && events.isEmpty }

    struct TariffChange: Sendable, Hashable {
        var id: Int64
        var tariff: String
    }
}

/// One series: a meter's readings from one address in one mode with one tariff option.
public struct SeriesRow: Sendable, Hashable {
    public var id: Int64
    public var meter: String
    public var address: String
    public var mode: String
    public var tariff: String?
    /// ms since 1970 (UTC).
    public var started: Int64
}

/// One minute (or hour) of power: the columns of ``HistorySchema/powerColumns``, in that order.
public struct PowerRow: Sendable, Hashable {
    public var series: Int64
    /// UTC minutes since 1970 (hours for `power_hour`).
    public var time: Int64
    public var samples: Int
    public var values: [Int?]
}

/// One snapshot of every accepted index.
public struct SnapshotRow: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable {
        case quarter, period, start, flush
    }

    public var series: Int64
    /// ms since 1970 (UTC).
    public var time: Int64
    /// Local hour `YYYYMMDDHH` in the history's time zone.
    public var localHour: Int
    public var period: String?
    public var reason: Reason
    /// In ``EnergyIndex`` order.
    public var values: [Int?]
}

/// One event: `kind` is a stable word (`period`, `switched`, `meter-lost`…), `detail` for people.
public struct EventRow: Sendable, Hashable {
    public var time: Int64
    public var meter: String?
    public var kind: String
    public var detail: String
}
