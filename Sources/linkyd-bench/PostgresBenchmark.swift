import Controller
import Export
import Foundation
import History
import Logging
import TIC

/// `linkyd-bench --postgres-backlog URL PASSWORD-FILE DIR [--meters N]` (issue 11): a 30-day backlog per
/// meter (the real recorder's rows: minutes, hours, snapshots, events; keep-minutes 31 days, so every
/// minute is still there) drained into a PostgreSQL server by the exporter, one history ("Pi") per
/// meter, all at once. Prints rows, seconds and rows per second. `scripts/bench-postgres.sh` starts a
/// throw-away PostgreSQL 15 on loopback and runs it. Target (issue 11): < 1 minute.
enum PostgresBenchmark {
    static func run(url: String, passwordFile: String, directory: String, meters: Int) async {
        let compiled = RulesCompiler.compile(source: "meters:\n  main: { port: /dev/null }\npostgresql:\n  url: \(url)\n  password-file: \(passwordFile)\n",
                                             file: "bench")
        guard let config = compiled.ruleSet?.postgresql else {
            print(compiled.diagnostics.oneLines.joined(separator: "\n"))
            return
        }
        let password = (try? String(contentsOfFile: passwordFile, encoding: .utf8))?.split(separator: "\n").first.map(String.init)
        print("linkyd-bench --postgres-backlog: \(meters) meter(s) × 30 days into \(config.server)")
        var paths: [String] = []
        let clock = ContinuousClock()
        let recordStart = clock.now
        for n in 0..<meters {
            let path = "\(directory)/pi\(n).sqlite"
            for suffix in ["", "-wal", "-shm", ".postgresql-cursor"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            record(path: path, address: String(format: "0422610000%02d", n), days: 30)
            paths.append(path)
        }
        var rows = 0
        if let store = try? HistoryStore.open(path: paths[0]) {
            let counts = ["power_minute", "power_hour", "energy_snapshot", "event"].map { "\($0) \((try? store.count($0)) ?? 0)" }
            print("recorded in \(format(clock.now - recordStart)) s; per meter: \(counts.joined(separator: ", "))")
        }
        let start = clock.now
        var failed = false
        await withTaskGroup(of: (Int, String?).self) { group in
            for (n, path) in paths.enumerated() {
                group.addTask {
                    let exporter = PostgresExporter(config: config, password: password, source: "bench-pi\(n)", historyPath: path,
                                                    logger: Logger(label: "bench"))
                    do {
                        let sent = try await exporter.drain()
                        await exporter.disconnect()
                        return (sent, nil)
                    } catch {
                        await exporter.disconnect()
                        return (0, "\(error)")
                    }
                }
            }
            for await (sent, problem) in group {
                rows += sent
                if let problem { print("error: \(problem)"); failed = true }
            }
        }
        let elapsed = clock.now - start
        guard !failed else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("drained \(rows) rows in \(format(elapsed)) s: \(Int(Double(rows) / seconds)) rows/s (target: 30 days per meter in < 60 s)")
    }

    static func format(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    /// A standard meter, a frame every 10 s (the rows are per minute and per quarter hour: the frame
    /// rate changes only the recording time), a signal loss every ~3 h (events).
    static func record(path: String, address: String, days: Int) {
        var config = HistoryConfig(path: path, keepMinutes: .seconds(Int64(days + 1) * 86_400))
        config.timeZone = "Europe/Paris"
        var writer = HistoryWriter(config: config, meters: ["main"], logger: nil)
        writer.open()
        var state = MeterState()
        state.mode = .standard
        state.address = address
        state.tariffOptionText = "H PLEINE/CREUSE"
        var indexes = [3_000_000.0, 5_000_000.0]
        let interval: Int64 = 10_000
        let start: Int64 = 1_764_543_600_000
        for frame in 1...(Int64(days) * 86_400_000 / interval) {
            let ms = start + frame * interval
            let hour = Int((ms / 3_600_000 + 1) % 24)
            let offPeak = hour >= 22 || hour < 6
            let power = 400 + Int((frame * 37) % 3000)
            indexes[offPeak ? 0 : 1] += Double(power) * Double(interval) / 3_600_000
            state.supplierIndexNumber = offPeak ? 1 : 2
            state.apparentPower = VoltAmperes(power)
            state.currents[1] = Amperes(power / 230)
            state.voltages[1] = Volts(228 + Int(frame % 5))
            state.supplierIndexes[0] = WattHours(Int(indexes[0]))
            state.supplierIndexes[1] = WattHours(Int(indexes[1]))
            state.totalEnergyWithdrawn = WattHours(Int(indexes[0] + indexes[1]))
            let kind: ControllerEvent.Kind = switch frame % 1_000 {
            case 500: .meterLost(meter: "main")
            case 501: .meterBack(meter: "main")
            default: .meterChanged(meter: "main", state: state, frameEnd: .complete)
            }
            let event = ControllerEvent(at: .milliseconds(frame * interval), time: WallTime(millisecondsSince1970: ms), kind)
            if writer.record(event) { writer.commit(at: event.at) }
        }
        writer.commit(final: true)
    }
}
