import Controller
import Foundation
import History
import Logging
import ServiceLifecycle
import Synchronization

/// The MQTT exporter as an observer of `linkyd run` (`Daemon.observers`, issue 11).
///
/// - Live values (power, currents, voltages, period, Tempo, EJP, overpower, signal, outputs and their
///   reasons) come from the controller's latest status, read once a second: nothing is subscribed,
///   so the controller never waits for this service.
/// - Indexes and events come from the local history, with a cursor of their own (``ExportCursor``,
///   `<history>.mqtt-cursor`): only rows the history committed — indexes that passed its
///   plausibility gate — are published, in id order; after a broker outage the events missed are
///   sent, each once (acknowledged at QoS 1 before the cursor moves; a restart of linkyd may repeat the
///   messages that were in flight, which carry their `id`). Indexes and events therefore lag by up to
///   the history's `commit-every`.
/// - It returns only at graceful shutdown, after publishing `offline` and disconnecting; a broker
///   that is down, refuses the login or is unreachable is logged once per outage and retried with
///   backoff, never stopping the control.
public struct MQTTService: Service {
    let broadcaster: EventBroadcaster
    let config: MQTTConfig
    let outputs: [String]
    let historyPath: String?
    let logger: Logger
    let clientID: String

    public init(broadcaster: EventBroadcaster, config: MQTTConfig, outputs: [String], historyPath: String?,
                logger: Logger, clientID: String = "linkyd-\(ProcessInfo.processInfo.hostName)") {
        self.broadcaster = broadcaster
        self.config = config
        self.outputs = outputs
        self.historyPath = historyPath
        self.logger = logger
        self.clientID = clientID
    }

    public func run() async {
        let exporter: MQTTExporter
        do {
            let password = try config.passwordFile.map { path throws(ExportError) in try Self.readSecret(path, server: Self.server(config)) }
            exporter = try MQTTExporter(config: config, clientID: clientID, password: password, outputs: outputs,
                                        historyPath: historyPath, broadcaster: broadcaster, logger: logger)
        } catch {
            logger.error("mqtt: \(error); MQTT is off until linkyd restarts")
            try? await gracefulShutdown()
            return
        }
        exporter.start()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while !Task.isCancelled {
                    exporter.tick()
                    try? await Task.sleep(for: .milliseconds(250))
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
        exporter.stop()
    }

    static func server(_ config: MQTTConfig) -> String { "\(config.tls ? "mqtts" : "mqtt")://\(config.host):\(config.port)" }

    /// The first line of a secret file (without its line end). The error names the file, never its content.
    public static func readSecret(_ path: String, server: String) throws(ExportError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExportError(server: server, problem: "cannot read the password file \(path)",
                              hint: "it must exist and be readable by the user linkyd runs as (chmod 0640, group linkyd)")
        }
        let text = String(decoding: data, as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
