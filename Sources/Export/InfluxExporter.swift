import Controller
import Foundation
import HAL
import History
import Logging

/// The InfluxDB exporter's loop (issue 11): the history's minute rows and index snapshots after its
/// cursor, in id order, in batches of `batch-size` points, each POSTed once the previous one was
/// acknowledged (store and forward).
///
/// Contracts:
/// - The cursor (``ExportCursor``, `<history>.influxdb-cursor`, streams `power_minute` and
///   `energy_snapshot`) moves only after a 2xx answer, and is saved at once: a server that is down
///   or refuses loses nothing — its rows wait in the history (minute rows for `keep-minutes`,
///   snapshots for ever) and are sent, in order, when it answers again. A crash between the answer
///   and the save re-sends that batch, which InfluxDB overwrites point for point (same measurement,
///   tags and timestamp): nothing is counted twice.
/// - A new exporter (no cursor file) starts at the beginning: it back-fills what the history holds.
/// - A failure is logged once per outage, with the server and what it answered (status and the start
///   of the body) or why it could not be reached, and retried with ``Backoff`` (1 s doubling to 60 s);
///   a different answer during the outage is logged once too; the recovery is logged once.
/// - The secret never appears in the journal (``InfluxWriter`` puts it in a header only).
/// - It reads the history through its own read-only connection (SQLite WAL): it never waits for, nor
///   delays, the recorder or the controller.
public struct InfluxExporter: Sendable {
    public enum Pass: Sendable, Hashable {
        /// `points` written; `more` when the batch was full (the next pass follows at once).
        case sent(points: Int, more: Bool)
        /// Nothing new in the history.
        case idle
        /// The server did not take the batch, or the history is not readable yet: wait `retryIn`.
        case failed(retryIn: Duration)
    }

    public static let streams = ["energy_snapshot", "power_minute"]
    public let config: InfluxDBConfig
    let writer: InfluxWriter
    let points: InfluxPoints
    let historyPath: String
    let logger: Logger
    private var store: HistoryStore?
    public private(set) var cursor: ExportCursor
    /// The kind of the current failure (nil: healthy).
    private var outage: String?
    private var everWritten = false
    private var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))

    public init(config: InfluxDBConfig, secret: String?, historyPath: String, logger: Logger) {
        self.config = config
        writer = InfluxWriter(config: config, secret: secret)
        points = InfluxPoints(powerMeasurement: config.powerMeasurement, energyMeasurement: config.energyMeasurement)
        self.historyPath = historyPath
        self.logger = logger
        let path = Self.cursorPath(history: historyPath)
        cursor = ExportCursor.load(path: path) ?? ExportCursor(path: path, positions: ["energy_snapshot": 0, "power_minute": 0])
    }

    public static func cursorPath(history: String) -> String { history + ".influxdb-cursor" }

    /// Sends what waits, batch after batch, until cancelled (graceful shutdown). An in-flight request
    /// that is cancelled does not move the cursor.
    public mutating func run() async {
        while !Task.isCancelled {
            switch await pass() {
            case .sent(_, more: true): await Task.yield()
            case .sent, .idle: try? await Task.sleep(for: config.interval)
            case .failed(let delay): try? await Task.sleep(for: delay)
            }
        }
    }

    /// One batch: read, write, move the cursor.
    public mutating func pass() async -> Pass {
        guard let store = openHistory() else { return .failed(retryIn: .seconds(30)) }
        let snapshots: [ExportedSnapshot], minutes: [ExportedPower]
        do {
            snapshots = try store.snapshots(after: cursor["energy_snapshot"], limit: config.batchSize)
            let room = config.batchSize - snapshots.count
            minutes = room > 0 ? try store.powerMinutes(after: cursor["power_minute"], limit: room) : []
        } catch {
            report("history", "cannot read the history: \(error)")
            return .failed(retryIn: backoff.next())
        }
        guard !snapshots.isEmpty || !minutes.isEmpty else { return .idle }
        var body = ""
        body.reserveCapacity((snapshots.count + minutes.count) * 200)
        var count = 0
        for snapshot in snapshots { if let line = points.line(snapshot) { body += line; body += "\n"; count += 1 } }
        for minute in minutes { if let line = points.line(minute) { body += line; body += "\n"; count += 1 } }
        if count > 0 {
            let outcome = await writer.write(body)
            if Task.isCancelled, outcome != .written { return .failed(retryIn: .zero) }
            if let problem = outcome.problem(server: config.server, api: config.api) {
                report(outcome.kind, problem)
                return .failed(retryIn: backoff.next())
            }
        }
        if let last = snapshots.last { cursor["energy_snapshot"] = last.id }
        if let last = minutes.last { cursor["power_minute"] = last.id }
        if let problem = cursor.save() { logger.warning("influxdb: cursor: \(problem) (rows may be sent again after a restart)") }
        backoff.reset()
        if outage != nil {
            logger.notice("influxdb: \(config.server): writing again; sending what the history kept meanwhile")
            outage = nil
        } else if !everWritten {
            logger.info("influxdb: writing to \(config.server) (\(target))")
        }
        everWritten = true
        return .sent(points: count, more: snapshots.count + minutes.count >= config.batchSize)
    }

    /// The database, or org and bucket: what the journal names with the server.
    var target: String {
        switch config.api {
        case .v1(let database, _, _): "database \(database)"
        case .v2(let org, let bucket, _): "org \(org), bucket \(bucket)"
        }
    }

    private mutating func openHistory() -> HistoryStore? {
        if let store { return store }
        do {
            let opened = try HistoryStore.open(path: historyPath, create: false)
            store = opened
            if outage == "no history" { outage = nil }
            return opened
        } catch {
            report("no history", "history not readable yet (\(error)); minute rows and snapshots wait for it, retried every 30 s")
            return nil
        }
    }

    /// Logs `problem` unless the same kind of failure was the last one logged.
    private mutating func report(_ kind: String, _ problem: String) {
        guard outage != kind else { return }
        outage = kind
        logger.warning("influxdb: \(problem); retrying with backoff (1 s to 60 s), the history keeps what is not sent")
    }
}
