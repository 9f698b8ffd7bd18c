import Foundation
@testable import History
import Logging
import Synchronization

/// Every message logged through it, for tests that check what the journal would show.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    var messages: [String] { lines.withLock { $0 } }
    func matching(_ text: String) -> [String] { messages.filter { $0.contains(text) } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(recorder: self) }
    }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            recorder.lines.withLock { $0.append("\(event.level): \(event.message)") }
        }
    }
}

/// A history with known rows: one series per meter, a minute row per minute (values derived from the
/// minute, so a query can check each one) and a snapshot every 15 minutes.
enum InfluxHistory {
    static let start: Int64 = 29_333_333  // UTC minutes: 2025-10-09
    static let meters = [("main", "021528603314"), ("garage", "041861300001")]

    static func power(minute: Int64, meter: Int) -> Int { Int(minute % 1000) * 3 + meter }
    static func index(minute: Int64, meter: Int) -> Int { 10_000_000 + Int(minute - start) * 25 + meter * 1_000_000 }

    /// Writes minutes `range` (offsets from ``start``) of every meter; series are created on the first call.
    static func write(_ store: HistoryStore, minutes range: Range<Int64>) throws {
        var batch = HistoryBatch()
        if range.lowerBound == 0 {
            batch.series = meters.enumerated().map { SeriesRow(id: Int64($0.offset + 1), meter: $0.element.0, address: $0.element.1, mode: "standard", tariff: "tempo", started: start * 60_000) }
        }
        for offset in range {
            let minute = start + offset
            for (n, _) in meters.enumerated() {
                var values = [Int?](repeating: nil, count: HistorySchema.powerColumns.count)
                values[0] = power(minute: minute, meter: n)
                values[1] = values[0].map { $0 - 100 }
                values[2] = values[0].map { $0 + 100 }
                values[19] = 229
                batch.power.append(PowerRow(series: Int64(n + 1), time: minute, samples: 35, values: values))
                if offset % 15 == 0 {
                    var indexes = [Int?](repeating: nil, count: EnergyIndex.count)
                    indexes[0] = index(minute: minute, meter: n)
                    indexes[1] = 5_000_000 + n
                    indexes[14] = indexes[0].map { $0 + 5_000_000 + n }
                    batch.snapshots.append(SnapshotRow(series: Int64(n + 1), time: minute * 60_000 + 250, localHour: 2025100912,
                                                       period: offset % 30 == 0 ? "hc-blue" : "hp-blue", reason: .quarter, values: indexes))
                }
            }
        }
        batch.now = (start + range.upperBound) * 60_000
        try store.write(batch, keepMinutes: .seconds(3600 * 24 * 400))
    }

    /// Rows per meter in minutes `0..<n`: (minute rows, snapshots).
    static func rows(minutes n: Int64) -> (Int, Int) { (Int(n), Int((n + 14) / 15)) }
}
