import Controller
import Foundation
import Logging
import ServiceLifecycle

/// The InfluxDB exporter as an observer of `linkyd run` (`Daemon.observers`, issue 11): it reads only
/// the history (never the controller), so it can neither delay nor stop the control of the outputs.
/// It returns at graceful shutdown; a secret file that cannot be read is logged once and turns the
/// exporter off until linkyd restarts (its rows stay in the history, its cursor where it was).
public struct InfluxService: Service {
    let config: InfluxDBConfig
    let historyPath: String?
    let logger: Logger

    public init(config: InfluxDBConfig, historyPath: String?, logger: Logger) {
        self.config = config
        self.historyPath = historyPath
        self.logger = logger
    }

    public func run() async {
        guard let historyPath else {
            logger.error("influxdb: the history is off (history: off), and the exporter sends the history's rows: InfluxDB is off")
            try? await gracefulShutdown()
            return
        }
        let secret: String?
        do {
            secret = try Self.secret(of: config)
        } catch {
            logger.error("influxdb: \(error); InfluxDB is off until linkyd restarts")
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown { [config, logger] in
            var exporter = InfluxExporter(config: config, secret: secret, historyPath: historyPath, logger: logger)
            await exporter.run()
        }
    }

    /// The password (1.x with a username) or the token (2.x), from its file; nil without one.
    public static func secret(of config: InfluxDBConfig) throws(ExportError) -> String? {
        switch config.api {
        case .v1(_, _, let passwordFile):
            return try passwordFile.map { path throws(ExportError) in try MQTTService.readSecret(path, server: config.server) }
        case .v2(_, _, let tokenFile):
            let token: String
            do {
                token = try MQTTService.readSecret(tokenFile, server: config.server)
            } catch {
                throw ExportError(server: config.server, problem: "cannot read the token file \(tokenFile)", hint: error.hint)
            }
            guard !token.isEmpty else {
                throw ExportError(server: config.server, problem: "the token file \(tokenFile) is empty", hint: "write the API token (influx auth create --write-bucket …) on its first line")
            }
            return token
        }
    }
}
