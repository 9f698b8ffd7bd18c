import Controller
import GRDB
import TIC

extension HistoryStore {
    /// Energy per period of each meter (or of `meter`) per local interval from `from` to `to`
    /// (inclusive days; nil: from the first, to the last snapshot).
    ///
    /// By day, month or year it reads ``EnergyDays`` (`energy_day`, one row per series and day, kept at
    /// every commit); by hour, one SQL pass over `energy_snapshot`. Both count the difference of each
    /// supplier index and `EAIT` to the series' next snapshot (`LEAD … OVER (PARTITION BY series ORDER BY id)`), summed per local day
    /// (or hour) of the earlier snapshot. Snapshots are taken at the first frame of each quarter
    /// hour, so a delta belongs to the quarter it starts in; after a silence the energy of the gap
    /// goes to the interval where the silence began. A new series (meter reset) never contributes a
    /// delta across the reset. Intervals are then assembled in Swift (months and years from days, so
    /// prices can change on any day).
    public func energy(meter: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil,
                       by step: ReportStep) throws(HistoryError) -> [EnergyInterval] {
        let byHour = step == .hour || step == .minute
        let rows = byHour ? try snapshotRows(meter: meter, from: from, to: to, byHour: true)
                          : try dayRows(meter: meter, from: from, to: to)
        return Self.assemble(rows, step: step, byHour: byHour, from: from, to: to)
    }

    /// Per series and local day, from `energy_day` (what the snapshots give, summed at commit time).
    private func dayRows(meter: String?, from: CalendarDate?, to: CalendarDate?) throws(HistoryError) -> [Row] {
        let low = from.map { LocalCalendar.hourKey($0, hour: 0) / 100 } ?? 0
        let high = to.map { LocalCalendar.hourKey($0.adding(days: 1), hour: 0) / 100 } ?? Int.max
        do {
            return try database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT s.meter, s.tariff, e.day AS bucket, \(EnergyDays.deltaColumns.map { "e.\($0)" }.joined(separator: ", ")), e.has_inj
                    FROM energy_day e JOIN series s ON s.id = e.series
                    WHERE e.day >= ? AND e.day < ? AND (? IS NULL OR s.meter = ?)
                    ORDER BY s.meter, e.day
                    """, arguments: [low, high, meter, meter])
            }
        } catch {
            throw HistoryError(path: path, doing: "read the energy per day", error)
        }
    }

    /// Per series and local day (or hour), from the quarter-hour snapshots.
    func snapshotRows(meter: String?, from: CalendarDate?, to: CalendarDate?, byHour: Bool) throws(HistoryError) -> [Row] {
        let low = from.map { LocalCalendar.hourKey($0, hour: 0) } ?? 0
        let high = to.map { LocalCalendar.hourKey($0.adding(days: 1), hour: 0) } ?? Int.max
        let rows: [Row]
        do {
            rows = try database.read { db in
                // The last snapshot of the range needs its successor: read up to the first one after.
                var bound = Int64.max
                if high != Int.max {
                    bound = try Int64.fetchOne(db, sql: """
                        SELECT MAX(first) FROM (SELECT MIN(id) AS first FROM energy_snapshot WHERE local_hour >= ? GROUP BY series)
                        """, arguments: [high]) ?? Int64.max
                }
                let deltas = (1...10).map { "LEAD(s\($0)) OVER w - s\($0) AS d\($0)" } + ["LEAD(eait) OVER w - eait AS dinj"]
                let sums = (1...10).map { "SUM(x.d\($0))" } + ["SUM(x.dinj)", "MAX(x.has_inj)"]
                let bucket = byHour ? "x.local_hour" : "x.local_hour / 100"
                return try Row.fetchAll(db, sql: """
                    SELECT s.meter, s.tariff, \(bucket) AS bucket, \(sums.joined(separator: ", "))
                    FROM (SELECT series, local_hour, eait IS NOT NULL AS has_inj, \(deltas.joined(separator: ", "))
                          FROM energy_snapshot WHERE local_hour >= ? AND id <= ?
                          WINDOW w AS (PARTITION BY series ORDER BY id)) x
                    JOIN series s ON s.id = x.series
                    WHERE x.local_hour < ? AND (? IS NULL OR s.meter = ?)
                    GROUP BY x.series, bucket ORDER BY s.meter, bucket
                    """, arguments: [low, bound, high, meter, meter])
            }
        } catch {
            throw HistoryError(path: path, doing: "read the energy snapshots", error)
        }
        return rows
    }

    /// The same report computed from the snapshots alone (what `energy_day` must agree with: tests).
    func energyFromSnapshots(meter: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil,
                             by step: ReportStep) throws(HistoryError) -> [EnergyInterval] {
        let rows = try snapshotRows(meter: meter, from: from, to: to, byHour: step == .hour || step == .minute)
        return Self.assemble(rows, step: step, byHour: step == .hour || step == .minute, from: from, to: to)
    }

    /// Rows of (meter, tariff, day or hour bucket, deltas) → intervals of `step`.
    private static func assemble(_ rows: [Row], step: ReportStep, byHour: Bool, from: CalendarDate?, to: CalendarDate?) -> [EnergyInterval] {
        var intervals: [String: [CalendarDateKey: EnergyInterval]] = [:]
        var spans: [String: (first: CalendarDate, last: CalendarDate)] = [:]
        for row in rows {
            let meter: String = row[0]
            let tariff = (row[1] as String?).flatMap(TariffOption.init(rawValue:))
            let bucket: Int = row[2]
            let dayKey = byHour ? bucket / 100 : bucket
            let day = CalendarDate(year: dayKey / 10_000, month: dayKey / 100 % 100, day: dayKey % 100)
            // A series' last snapshot has no successor: nothing to count there.
            guard (3...13).contains(where: { (row[$0] as Int?) != nil }) else { continue }
            let key = CalendarDateKey(year: day.year, month: day.month, day: day.day, hour: byHour ? bucket % 100 : nil).truncated(to: step)
            var interval = intervals[meter]?[key] ?? EnergyInterval(meter: meter, step: step, key: key, energy: [:], injected: nil,
                                                                     subscriptionDays: [], daily: [:], dailyInjected: [:])
            for index in 1...10 {
                guard let wh: Int = row[2 + index], wh != 0 else { continue }
                let period = EnergyIndex.periodName(supplierIndex: index, tariff: tariff)
                interval.energy[period, default: 0] += wh
                interval.daily[day, default: [:]][period, default: 0] += wh
            }
            let hasInjection: Bool = (row[14] as Int?) == 1
            if let wh: Int = row[13] {
                interval.injected = (interval.injected ?? 0) + wh
                interval.dailyInjected[day, default: 0] += wh
            } else if hasInjection, interval.injected == nil {
                interval.injected = 0
            }
            intervals[meter, default: [:]][key] = interval
            let span = spans[meter] ?? (day, day)
            spans[meter] = (min(span.first, day), max(span.last, day))
        }
        var result: [EnergyInterval] = []
        for meter in intervals.keys.sorted() {
            guard let byKey = intervals[meter], let span = spans[meter] else { continue }
            let first = max(span.first, from ?? span.first), last = min(span.last, to ?? span.last)
            for key in byKey.keys.sorted() {
                guard var interval = byKey[key] else { continue }
                interval.subscriptionDays = Self.days(of: key, step: step).filter { $0 >= first && $0 <= last }
                result.append(interval)
            }
        }
        return result
    }

    /// The local days an interval covers.
    static func days(of key: CalendarDateKey, step: ReportStep) -> [CalendarDate] {
        let start = CalendarDate(year: key.year, month: key.month, day: key.day)
        let count: Int = switch step {
        case .minute, .hour, .day: 1
        case .month: CalendarDate.days(inMonth: key.month, year: key.year)
        case .year: CalendarDate(year: key.year + 1, month: 1, day: 1).dayNumber - start.dayNumber
        }
        return (0..<count).map { start.adding(days: $0) }
    }
}
