import Controller
import Export
import Foundation
import History
import Logging
import TIC

/// `linkyd-bench --mqtt-drain PORT [--days N] [--meters M]` (issue 11): how long the MQTT exporter
/// takes to publish a backlog of N days (default 30) for each of M meters (default 2) — the history's
/// events and index snapshots, QoS 1 — to a mosquitto on 127.0.0.1:PORT, ticked every 250 ms as
/// `linkyd run`'s MQTT service does, until its cursor holds the last row (every message acknowledged).
/// The history is recorded through the real recorder at wire rate (``InfluxDrainBenchmark``'s way).
enum MQTTDrainBenchmark {
    static func run(port: Int, days: Int, meters: Int) async {
        await HistoryBenchmark.withBacklog("mqtt", days: days, meters: meters) { path in await drain(path, port: port, days: days, meters: meters) }
    }

    private static func drain(_ path: String, port: Int, days: Int, meters: Int) async {
        guard let store = try? HistoryStore.open(path: path, create: false),
              let snapshots = try? store.lastID(of: "energy_snapshot"), let events = try? store.lastID(of: "event") else {
            print("linkyd-bench --mqtt-drain: the history could not be made at \(path)")
            return
        }
        // A cursor at 0: the whole backlog (a new exporter would start at the end).
        _ = ExportCursor(path: path + ".mqtt-cursor", positions: ["event": 0, "energy_snapshot": 0]).save()
        var config = MQTTConfig(host: "127.0.0.1", port: port)
        config.discoveryPrefix = nil
        var logger = Logger(label: "linkyd-bench")
        logger.logLevel = .warning
        guard let exporter = try? MQTTExporter(config: config, clientID: "linkyd-bench", password: nil, outputs: [], historyPath: path,
                                               broadcaster: EventBroadcaster(), logger: logger) else {
            print("linkyd-bench --mqtt-drain: the exporter could not be made")
            return
        }
        let clock = ContinuousClock()
        let started = clock.now
        exporter.start()
        let deadline = started + .seconds(600)
        while clock.now < deadline {
            exporter.tick()
            let cursor = ExportCursor.load(path: path + ".mqtt-cursor")
            if cursor?["energy_snapshot"] == snapshots, cursor?["event"] == events { break }
            try? await Task.sleep(for: .milliseconds(250))
        }
        let seconds = HistoryBenchmark.seconds(clock.now - started)
        exporter.stop()
        print("linkyd-bench --mqtt-drain: \(snapshots) snapshots and \(events) events (\(days) days × \(meters) meters) published and acknowledged in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", seconds / Double(meters))) s per meter)")
    }
}
