import Controller
import Foundation
import History
import TIC

/// `linkyd-bench --history DIR` (issue 9): bytes written per day at several commit intervals
/// (`/proc/self/io` write_bytes, WAL and checkpoints included), database size per meter-year from a
/// month, and report times over one and five years. DIR must be on a real disk (tmpfs counts nothing).
enum HistoryBenchmark {
    /// A standard single-phase meter at wire rate: a frame every 1.7 s, 1500 VA, HC 22:00-06:00.
    static let frameInterval: Int64 = 1_700
    static let start = WallTime(millisecondsSince1970: 1_735_686_000_000) // 2025-01-01 00:00 Paris

    static func events(hours: Int, every interval: Int64 = frameInterval, _ body: (ControllerEvent) -> Void) {
        var state = MeterState()
        state.mode = .standard
        state.address = "042261123456"
        state.tariffOptionText = "H PLEINE/CREUSE"
        state.referencePower = VoltAmperes(9000)
        state.cutOffPower = VoltAmperes(9000)
        var indexes = [3_000_000.0, 5_000_000.0]
        let frames = Int64(hours) * 3_600_000 / interval
        for frame in 0..<frames {
            let ms = start.millisecondsSince1970 + frame * interval
            let hour = Int((ms / 3_600_000 + 1) % 24)
            let offPeak = hour >= 22 || hour < 6
            let power = 1500 + Int(frame % 7) * 10
            indexes[offPeak ? 0 : 1] += Double(power) * Double(interval) / 3_600_000
            state.supplierIndexNumber = offPeak ? 1 : 2
            state.apparentPower = VoltAmperes(power)
            state.currents[1] = Amperes(power / 230)
            state.voltages[1] = Volts(229 + Int(frame % 3))
            state.supplierIndexes[0] = WattHours(Int(indexes[0]))
            state.supplierIndexes[1] = WattHours(Int(indexes[1]))
            state.totalEnergyWithdrawn = WattHours(Int(indexes[0] + indexes[1]))
            body(ControllerEvent(at: .milliseconds(frame * interval), time: WallTime(millisecondsSince1970: ms),
                                 .meterChanged(meter: "main", state: state, frameEnd: .complete)))
        }
    }

    /// A new temporary directory named after `name` (removed once `body` returns), holding a history of
    /// ``backlog(days:meters:path:)``: `body` gets its path.
    static func withBacklog(_ name: String, days: Int, meters: Int, _ body: (String) async -> Void) async {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linkyd-bench-\(name)-\(UUID())").path
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history.sqlite"
        backlog(days: days, meters: meters, path: path)
        await body(path)
    }

    /// A history at `path` of `days` days of `meters` meters (`main`, `meter2`…, each its own address),
    /// recorded through the real recorder at wire rate: the exporters' backlog benchmarks.
    static func backlog(days: Int, meters: Int, path: String) {
        let names = (0..<meters).map { $0 == 0 ? "main" : "meter\($0 + 1)" }
        var writer = HistoryWriter(config: HistoryConfig(path: path), meters: names, logger: nil)
        writer.open()
        events(hours: days * 24) { event in
            guard case .meterChanged(_, var state, let frameEnd) = event.kind else { return }
            for (n, name) in names.enumerated() {
                state.address = String(format: "04226112%04d", n)
                let one = ControllerEvent(at: event.at, time: event.time, .meterChanged(meter: name, state: state, frameEnd: frameEnd))
                if writer.record(one) { writer.commit(at: one.at) }
            }
        }
        writer.commit(final: true)
    }

    static func writeBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            return Int(line.dropFirst(12).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }

    static func fileSize(_ path: String) -> Int {
        ["", "-wal"].reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: path + $1)[.size] as? Int) ?? 0) }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func run(directory: String) {
        print("linkyd-bench --history: one standard meter, a frame every \(frameInterval) ms, in \(directory)")
        for (label, interval, hours) in [("5 min (default)", 300, 24), ("1 min", 60, 6), ("5 s", 5, 2)] {
            let path = directory + "/bytes-\(interval).sqlite"
            try? FileManager.default.removeItem(atPath: path)
            var config = HistoryConfig(path: path, commitEvery: .seconds(Int64(interval)))
            config.timeZone = "Europe/Paris"
            var writer = HistoryWriter(config: config, meters: ["main"], logger: nil)
            writer.open()
            let before = writeBytes()
            events(hours: hours) { if writer.record($0) { writer.commit(at: $0.at) } }
            writer.commit(final: true)
            let perDay = Double(writeBytes() - before) * 24 / Double(hours)
            print("commit every \(label): \(String(format: "%.2f", perDay / 1e6)) MB written per day (\(writer.committed) commits in \(hours) h)")
        }

        let month = directory + "/month.sqlite"
        try? FileManager.default.removeItem(atPath: month)
        var writer = HistoryWriter(config: HistoryConfig(path: month), meters: ["main"], logger: nil)
        writer.open()
        events(hours: 30 * 24) { if writer.record($0) { writer.commit(at: $0.at) } }
        writer.commit(final: true)
        if let store = try? HistoryStore.open(path: month) { _ = try? store.integrityCheck() }
        checkpoint(month, deletingMinutes: false)
        let monthSize = fileSize(month)
        // After keep-minutes: minute rows gone, snapshots thinned to hourly (+ period changes).
        if let store = try? HistoryStore.open(path: month) { try? store.thinAllSnapshots() }
        checkpoint(month, deletingMinutes: true)
        let hourlySize = fileSize(month)
        print("database per meter-year (× 365/30 of a month): \(String(format: "%.1f", Double(monthSize) * 365 / 30 / 1e6)) MB with minute rows, \(String(format: "%.2f", Double(hourlySize) * 365 / 30 / 1e6)) MB with hourly rows only")

        // The hourly-only size measured on a whole replayed year, not extrapolated (a month's file is
        // mostly fixed pages): a frame every 10 s, keep-minutes 2 days (commits thin and delete as
        // they go), then the last two days' minutes and snapshots as if they too were old.
        let year = directory + "/year.sqlite"
        try? FileManager.default.removeItem(atPath: year)
        var yearConfig = HistoryConfig(path: year, keepMinutes: .seconds(2 * 86_400), commitEvery: .seconds(86_400))
        yearConfig.timeZone = "Europe/Paris"
        var yearly = HistoryWriter(config: yearConfig, meters: ["main"], logger: nil)
        yearly.open()
        events(hours: 365 * 24, every: 10_000) { if yearly.record($0) { yearly.commit(at: $0.at) } }
        yearly.commit(final: true)
        if let store = try? HistoryStore.open(path: year) { try? store.thinAllSnapshots() }
        checkpoint(year, deletingMinutes: true)
        print("database per meter-year with hourly rows only, a whole year replayed: \(String(format: "%.2f", Double(fileSize(year)) / 1e6)) MB")

        let years = directory + "/years.sqlite"
        try? FileManager.default.removeItem(atPath: years)
        var long = HistoryWriter(config: HistoryConfig(path: years, commitEvery: .seconds(86_400)), meters: ["main"], logger: nil)
        long.open()
        // Each commit's time, to show it does not grow with the file (one commit a day here).
        var commitTimes: [Double] = []
        let clock = ContinuousClock()
        events(hours: 5 * 365 * 24, every: 300_000) {
            guard long.record($0) else { return }
            let started = clock.now
            long.commit(at: $0.at)
            commitTimes.append(seconds(clock.now - started))
        }
        long.commit(final: true)
        func mean(_ times: ArraySlice<Double>) -> String { String(format: "%.2f", times.reduce(0, +) / Double(max(1, times.count)) * 1000) }
        print("commit of a day's rows: \(mean(commitTimes.prefix(30))) ms in the first month, \(mean(commitTimes.suffix(30))) ms after 5 years (mean of 30)")
        guard let store = try? HistoryStore.open(path: years) else { return }
        let prices = PriceSchedule(entries: (0..<10).map {
            PriceEntry(from: CalendarDate(year: 2025 + $0 / 2, month: $0 % 2 == 0 ? 1 : 8, day: 1), subscriptionPerDay: 0.5,
                       energy: ["hc": 0.2, "hp": 0.25])
        })
        for (label, from, to, step) in [("--by day over a year", CalendarDate(year: 2027, month: 1, day: 1), CalendarDate(year: 2027, month: 12, day: 31), ReportStep.day),
                                        ("--by month over 5 years", CalendarDate(year: 2025, month: 1, day: 1), CalendarDate(year: 2029, month: 12, day: 31), .month)] {
            var best = Double.infinity, rows = 0
            for _ in 0..<5 {
                let started = clock.now
                let intervals = (try? store.energy(from: from, to: to, by: step).map { $0.priced(by: prices) }) ?? []
                best = min(best, seconds(clock.now - started))
                rows = intervals.count
            }
            print("report \(label): \(String(format: "%.1f", best * 1000)) ms (\(rows) rows, best of 5)")
        }
    }

    /// Checkpoints the WAL into the file (and drops the minute rows and vacuums, for the hourly size).
    static func checkpoint(_ path: String, deletingMinutes: Bool) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let sql = (deletingMinutes ? "DELETE FROM power_minute; VACUUM; " : "") + "PRAGMA wal_checkpoint(TRUNCATE);"
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.isolation_level=None; c.executescript(sys.argv[2]); c.close()", path, sql]
        try? process.run()
        process.waitUntilExit()
    }
}
