import AsyncHTTPClient
import Controller
import Export
import Foundation
import History
import Logging
import TIC

/// `linkyd-bench --influx-drain URL [--days N] [--meters M]` (issue 11): how long the InfluxDB
/// exporter takes to send a backlog of N days (default 30) for each of M meters (default 2), recorded
/// through the real recorder at wire rate (a frame every 1.7 s, ``HistoryBenchmark/events``), to an
/// InfluxDB 1.x at URL (database `linkyd_bench`, dropped and created again). The issue's target: under
/// a minute for 30 days per meter. `scripts/bench-influx.sh` starts a private influxd and runs this.
enum InfluxDrainBenchmark {
    static func run(url: String, days: Int, meters: Int) async {
        let clock = ContinuousClock()
        let recording = clock.now
        await HistoryBenchmark.withBacklog("influx", days: days, meters: meters) { path in
            await drain(path, url: url, days: days, meters: meters, recorded: clock.now - recording)
        }
    }

    private static func drain(_ path: String, url: String, days: Int, meters: Int, recorded: Duration) async {
        let clock = ContinuousClock()
        guard let store = try? HistoryStore.open(path: path, create: false),
              let minutes = try? store.lastID(of: "power_minute"), let snapshots = try? store.lastID(of: "energy_snapshot") else {
            print("linkyd-bench --influx-drain: the history could not be made at \(path)")
            return
        }
        print("linkyd-bench --influx-drain: \(days) days × \(meters) meters recorded in \(String(format: "%.1f", HistoryBenchmark.seconds(recorded))) s: \(minutes) minute rows, \(snapshots) snapshots")

        guard let (scheme, host, port, urlPath) = try? parse(url) else { print("not an http://HOST:PORT URL: \(url)"); return }
        for statement in ["DROP DATABASE linkyd_bench", "CREATE DATABASE linkyd_bench"] {
            var request = HTTPClientRequest(url: url + "/query?q=" + (statement.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            request.method = .POST
            guard let response = try? await InfluxWriter.client.execute(request, timeout: .seconds(30)), response.status.code == 200 else {
                print("\(url): \(statement) failed: is an InfluxDB 1.x listening there?")
                return
            }
        }
        let config = InfluxDBConfig(scheme: scheme, host: host, port: port, path: urlPath, api: .v1(database: "linkyd_bench", username: nil, passwordFile: nil))
        var exporter = InfluxExporter(config: config, secret: nil, historyPath: path, logger: Logger(label: "bench"))
        let started = clock.now
        var points = 0, batches = 0
        loop: while true {
            switch await exporter.pass() {
            case .sent(let count, _): points += count; batches += 1
            case .idle: break loop
            case .failed: print("a batch failed: see above"); return
            }
        }
        let seconds = HistoryBenchmark.seconds(clock.now - started)
        print("drained \(points) points (\(days) days × \(meters) meters) in \(batches) batches of ≤ \(config.batchSize) in \(String(format: "%.1f", seconds)) s: \(Int(Double(points) / seconds)) points/s, \(String(format: "%.1f", seconds / Double(meters))) s per meter")
    }

    static func parse(_ url: String) throws -> (String, String, Int, String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { throw CocoaError(.fileReadUnknown) }
        return (scheme, host, components.port ?? 8086, components.path)
    }
}
