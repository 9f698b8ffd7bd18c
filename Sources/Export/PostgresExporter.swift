import Controller
import Foundation
import HAL
import History
import Logging
import PostgresNIO

/// Store and forward to a PostgreSQL server (issue 11): the history's rows after this exporter's
/// cursor (``ExportCursor``, `<history>.postgresql-cursor`), in id order, in batches, each batch one
/// transaction; the cursor moves (and is saved) only after the server acknowledged the COMMIT. A
/// server away for hours is back-filled from the history when it is back: nothing missing (the
/// cursor never passes an unacknowledged row) and nothing duplicated (every table has a primary key
/// and every insert is `ON CONFLICT DO NOTHING`, so a batch re-sent after a lost acknowledgement
/// changes nothing).
///
/// One connection (``PostgresConnection``), opened and re-opened here with backoff: not
/// ``PostgresClient``, whose pool retries a refused login or a missing database silently and leaves
/// queries waiting (postgres-nio issues 489, 565, 602), where linkyd must say what the server answered.
/// A problem is logged once per outage (again only if the server's answer changes), and the recovery once.
public actor PostgresExporter {
    /// The history's streams, in the order each batch sends them.
    static let streams = ["power_minute", "power_hour", "energy_snapshot", "event"]

    let config: PostgreSQLConfig
    let password: String?
    let source: String
    let historyPath: String
    let logger: Logger
    let batchRows: Int
    let pollInterval: Duration
    /// No answer for this long: the connection is dropped and re-opened.
    let answerTimeout: Duration

    private var connection: PostgresConnection?
    private var connectionID = 0
    private var store: HistoryStore?
    private var cursor: ExportCursor?
    /// The history's series id → the server's, for the current connection (cleared on reconnect).
    private var serverSeries: [Int64: Int64] = [:]
    /// The tariff option each series had when it was last sent.
    private var sentTariff: [Int64: String?] = [:]
    private var loggedProblem: String?
    private var everConnected = false
    private var backoff = Backoff(initial: .seconds(1), maximum: .seconds(60))
    /// Rows the server acknowledged since this exporter started (for tests and the benchmark).
    public private(set) var rowsCommitted = 0
    public private(set) var transactions = 0

    public init(config: PostgreSQLConfig, password: String?, source: String, historyPath: String, logger: Logger,
                batchRows: Int = 5_000, pollInterval: Duration = .seconds(5), answerTimeout: Duration = .seconds(120)) {
        self.config = config
        self.password = password
        self.source = source
        self.historyPath = historyPath
        self.logger = logger
        self.batchRows = batchRows
        self.pollInterval = pollInterval
        self.answerTimeout = answerTimeout
    }

    /// Until cancelled: connect (with backoff), send every batch the history has, wait `pollInterval`, again.
    public func run() async {
        while !Task.isCancelled {
            do {
                let sent = try await drain()
                backoff.reset()
                if sent == 0 { try? await Task.sleep(for: pollInterval) }
            } catch {
                report(error)
                await disconnect()
                try? await Task.sleep(for: backoff.next())
            }
        }
        await disconnect()
        _ = cursor?.save()
    }

    /// Sends batches until the history has nothing after the cursor; returns the rows sent.
    /// Throws the server's answer (or why it could not be reached). The connection stays open for the
    /// next call: a caller other than ``run()`` ends with ``disconnect()`` (postgres-nio asserts that a
    /// connection is closed before it is released).
    @discardableResult
    public func drain() async throws(ExportError) -> Int {
        var total = 0
        while true {
            let sent = try await sendBatch()
            total += sent
            if sent == 0 { return total }
        }
    }

    public func disconnect() async {
        if let connection { try? await connection.close() }
        connection = nil
        serverSeries = [:]
        sentTariff = [:]
    }

    // MARK: - One batch

    /// One transaction: the series its rows need, then up to `batchRows` rows of each stream; the
    /// cursor moves after COMMIT. Returns the rows sent (0: caught up).
    func sendBatch() async throws(ExportError) -> Int {
        let (store, cursor) = try openHistory()
        let batch: Batch
        do {
            batch = Batch(minutes: try store.powerMinutes(after: cursor["power_minute"], limit: batchRows),
                          hours: try store.powerHours(after: cursor["power_hour"], limit: batchRows),
                          snapshots: try store.snapshots(after: cursor["energy_snapshot"], limit: batchRows),
                          events: try store.events(after: cursor["event"], limit: batchRows))
        } catch {
            throw ExportError(server: config.server, problem: "cannot read the history: \(error)")
        }
        guard batch.count > 0 else { return 0 }
        let connection = try await connected()
        let needed = Set(batch.minutes.map(\.row.series) + batch.hours.map(\.row.series) + batch.snapshots.map(\.row.series))
        let series: [SeriesRow]
        do {
            series = try store.allSeries().filter { needed.contains($0.id) && (serverSeries[$0.id] == nil || sentTariff[$0.id] != $0.tariff) }
        } catch {
            throw ExportError(server: config.server, problem: "cannot read the history's series: \(error)")
        }
        let known = serverSeries
        let source = self.source
        let ids: [Int64: Int64]
        do {
            ids = try await timed(connection) { connection in
                try await connection.withTransaction(logger: Self.quiet) { connection in
                    var ids = known
                    for row in series {
                        for try await id in try await connection.query(PostgresInserts.upsertSeries(row, source: source), logger: Self.quiet).decode(Int64.self) {
                            ids[row.id] = id
                        }
                    }
                    if !batch.minutes.isEmpty { try await connection.query(PostgresInserts.power(batch.minutes, table: "power_minute", serverSeries: ids), logger: Self.quiet) }
                    if !batch.hours.isEmpty { try await connection.query(PostgresInserts.power(batch.hours, table: "power_hour", serverSeries: ids), logger: Self.quiet) }
                    if !batch.snapshots.isEmpty { try await connection.query(PostgresInserts.snapshots(batch.snapshots, serverSeries: ids), logger: Self.quiet) }
                    if !batch.events.isEmpty { try await connection.query(PostgresInserts.events(batch.events, source: source), logger: Self.quiet) }
                    return ids
                }
            }
        } catch {
            throw PostgresProblem.describe(error, config: config)
        }
        // Committed: only now do the cursor and the series map move.
        serverSeries = ids
        for row in series { sentTariff[row.id] = row.tariff }
        var moved = cursor
        if let last = batch.minutes.last { moved["power_minute"] = last.id }
        if let last = batch.hours.last { moved["power_hour"] = last.id }
        if let last = batch.snapshots.last { moved["energy_snapshot"] = last.id }
        if let last = batch.events.last { moved["event"] = last.id }
        self.cursor = moved
        if let problem = moved.save() { logger.warning("postgresql: cursor: \(problem); rows may be sent again after a restart (the server skips them)") }
        rowsCommitted += batch.count
        transactions += 1
        return batch.count
    }

    struct Batch: Sendable {
        var minutes: [ExportedPower]
        var hours: [ExportedPower]
        var snapshots: [ExportedSnapshot]
        var events: [ExportedEvent]
        var count: Int { minutes.count + hours.count + snapshots.count + events.count }
    }

    /// A new exporter back-fills the whole history (the server is the long-term store).
    private func openHistory() throws(ExportError) -> (HistoryStore, ExportCursor) {
        if let store, let cursor { return (store, cursor) }
        do {
            let store = try HistoryStore.open(path: historyPath, create: false)
            let cursorPath = historyPath + ".postgresql-cursor"
            let cursor = ExportCursor.load(path: cursorPath) ?? ExportCursor(path: cursorPath)
            self.store = store
            self.cursor = cursor
            return (store, cursor)
        } catch {
            throw ExportError(server: config.server, problem: "the history is not readable yet (\(error))", hint: "rows wait in it; retried")
        }
    }

    // MARK: - Connection

    private func connected() async throws(ExportError) -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        await disconnect()
        let configuration = try PostgresTLS.configuration(config, password: password)
        connectionID += 1
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: connectionID, logger: Self.quiet)
            self.connection = connection
            _ = try await timed(connection) { connection in try await PostgresMigration.migrate(connection) }
        } catch {
            throw PostgresProblem.describe(error, config: config)
        }
        guard let connection else { throw ExportError(server: config.server, problem: "the connection closed at once") }
        let again = everConnected || loggedProblem != nil
        logger.info("postgresql: connected to \(config.server)\(again ? " again" : "") (schema v\(PostgresSchema.version)); sending the history from its cursor")
        everConnected = true
        loggedProblem = nil
        return connection
    }

    /// Runs `work`; with no answer within `answerTimeout`, closes the connection (which fails `work`).
    private func timed<Result: Sendable>(_ connection: PostgresConnection, _ work: @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let timeout = answerTimeout
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            try? await connection.close()
        }
        defer { watchdog.cancel() }
        return try await work(connection)
    }

    private func report(_ error: any Error) {
        let problem = PostgresProblem.describe(error, config: config)
        guard problem.description != loggedProblem else { return }
        loggedProblem = problem.description
        logger.warning("postgresql: \(problem); retrying with backoff (1 s to 60 s), the history keeps every row until the server has it")
    }

    /// postgres-nio's own logging off: its debug lines may carry queries; linkyd logs what matters.
    static let quiet: Logger = {
        var logger = Logger(label: "linkyd.postgres-nio")
        logger.logLevel = .critical
        return logger
    }()
}
