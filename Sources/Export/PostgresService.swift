import Controller
import Foundation
import Logging
import ServiceLifecycle

/// The PostgreSQL exporter as an observer of `linkyd run` (issue 11): it reads the local history
/// only (never the controller's events), so the control of the outputs cannot wait for it, and a
/// server that is down, refuses or is unreachable costs nothing but a line in the journal (once per
/// outage) and rows waiting in the history. Without a history (`history: off`) there is nothing to
/// send: it says so once and waits for the shutdown. Returns at graceful shutdown, after saving its cursor.
public struct PostgresService: Service {
    let config: PostgreSQLConfig
    let historyPath: String?
    let logger: Logger

    public init(config: PostgreSQLConfig, historyPath: String?, logger: Logger) {
        self.config = config
        self.historyPath = historyPath
        self.logger = logger
    }

    public func run() async {
        guard let historyPath else {
            logger.warning("postgresql: the history is off (history: off), and the exporter sends the history's rows: nothing is sent to \(config.server)")
            try? await gracefulShutdown()
            return
        }
        let password: String?
        do {
            password = try config.passwordFile.map { path throws(ExportError) in try MQTTService.readSecret(path, server: config.server) }
        } catch {
            logger.error("postgresql: \(error); PostgreSQL is off until linkyd restarts")
            try? await gracefulShutdown()
            return
        }
        let exporter = PostgresExporter(config: config, password: password, source: config.source ?? ProcessInfo.processInfo.hostName,
                                        historyPath: historyPath, logger: logger)
        // Cancelled at shutdown: run() stops between batches (a batch in flight is rolled back by the
        // server and sent again next time) and saves its cursor.
        await cancelWhenGracefulShutdown { await exporter.run() }
    }
}
