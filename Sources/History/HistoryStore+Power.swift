import Controller
import GRDB

/// One row of `linkyd export`: a minute, an hour or a local day of power.
public struct PowerSample: Sendable, Hashable {
    public var meter: String
    /// Start of the interval, ms since 1970 (UTC).
    public var time: Int64
    public var samples: Int
    /// ``HistorySchema/powerColumns`` order.
    public var values: [Int?]
}

extension HistoryStore {
    /// The power columns' names, for a CSV header (`i*_mean_da` are deciamperes).
    public static var powerColumns: [String] { HistorySchema.powerColumns }

    /// The power series of each meter (or of `meter`) from local day `from` to `to` (inclusive), by
    /// minute (kept `keep-minutes`), hour (kept for ever) or local day (from the hours).
    public func power(meter: String? = nil, from: CalendarDate, to: CalendarDate, step: ReportStep,
                      calendar: LocalCalendar) throws(HistoryError) -> [PowerSample] {
        let start = calendar.start(of: from), end = calendar.start(of: to.adding(days: 1))
        let byMinute = step == .minute
        let table = byMinute ? "power_minute" : "power_hour"
        let time = byMinute ? "minute" : "hour"
        let unit: Int64 = byMinute ? 60_000 : 3_600_000
        let samples: [PowerSample]
        do {
            samples = try database.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT s.meter, p.\(time), p.samples, \(HistorySchema.powerColumns.map { "p.\($0)" }.joined(separator: ", "))
                    FROM \(table) p JOIN series s ON s.id = p.series
                    WHERE p.\(time) >= ? AND p.\(time) < ? AND (? IS NULL OR s.meter = ?)
                    ORDER BY s.meter, p.\(time)
                    """, arguments: [start / unit, end / unit, meter, meter])
                return rows.map { row in
                    PowerSample(meter: row[0], time: (row[1] as Int64) * unit, samples: row[2],
                                values: (0..<HistorySchema.powerColumns.count).map { row[3 + $0] })
                }
            }
        } catch {
            throw HistoryError(path: path, doing: "read the power rows", error)
        }
        return step == .day ? Self.days(of: samples, calendar: calendar) : samples
    }

    /// Hours merged into local days: means weighted by samples, min of mins, max of maxes.
    static func days(of hours: [PowerSample], calendar: LocalCalendar) -> [PowerSample] {
        var result: [PowerSample] = []
        var sums: [Double] = [], weights: [Int] = []
        func finish() {
            guard var last = result.popLast() else { return }
            for (i, column) in HistorySchema.powerColumns.enumerated() where !column.hasSuffix("_min") && !column.hasSuffix("_max") {
                last.values[i] = weights[i] == 0 ? nil : Int((sums[i] / Double(weights[i])).rounded())
            }
            result.append(last)
        }
        var currentDay: (String, CalendarDate)?
        for hour in hours {
            let day = calendar.local(hour.time).date
            if currentDay.map({ $0.0 != hour.meter || $0.1 != day }) ?? true {
                finish()
                currentDay = (hour.meter, day)
                result.append(PowerSample(meter: hour.meter, time: calendar.start(of: day), samples: 0,
                                          values: Array(repeating: nil, count: hour.values.count)))
                sums = Array(repeating: 0, count: hour.values.count)
                weights = Array(repeating: 0, count: hour.values.count)
            }
            guard var day = result.popLast() else { continue }
            day.samples += hour.samples
            for (i, column) in HistorySchema.powerColumns.enumerated() {
                guard let value = hour.values[i] else { continue }
                if column.hasSuffix("_min") { day.values[i] = min(day.values[i] ?? value, value) }
                else if column.hasSuffix("_max") { day.values[i] = max(day.values[i] ?? value, value) }
                else { sums[i] += Double(value) * Double(hour.samples); weights[i] += hour.samples }
            }
            result.append(day)
        }
        finish()
        return result
    }
}
