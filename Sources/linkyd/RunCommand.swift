import ArgumentParser
import Controller
import Daemon
import Display
import Export
import Foundation
import HAL
import History
import LinuxIO
import Logging
import TIC
import CStartup
import Web

/// `linkyd run --rules FILE [--dry-run]`: the daemon (``Daemon``: a group of small services).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the controller: read the meters, evaluate the rules, drive the outputs.",
        discussion: """
        SIGHUP reloads the rules file (an invalid file is reported and the old rules stay in force). \
        SIGTERM and SIGINT drive every output to its fail-safe state, then exit. Without a valid frame \
        for the signal-loss timeout (default 30 s), the outputs that depend on that meter go to their \
        fail-safe state until frames come back.
        """
    )

    @Option(help: "The rules file.")
    var rules: String = "/etc/linkyd/rules.yaml"

    @Flag(help: "Simulated output lines that log every change instead of driving GPIO lines.")
    var dryRun = false

    @Option(help: "Log level: debug, info, notice, warning, error.")
    var logLevel: String = "info"

    func run() async throws {
        // First: read the signals CStartup's handlers have caught since before main.
        SignalInbox.shared.start(readingFrom: linkyd_startup_signal_fd())
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { JournalLogHandler(label: $0, level: level) }
        let logger = Logger(label: "linkyd")
        let source = try RulesFile.read(rules)
        let compilation = RulesCompiler.compile(source: source, file: rules)
        for line in compilation.diagnostics.oneLines { logger.warning("\(line)") }
        guard let ruleSet = compilation.ruleSet else {
            FileHandle.standardError.write(Data((compilation.diagnostics.rendered(source: source) + "\n").utf8))
            throw ExitCode(1)
        }
        if SignalInbox.shared.count(.termination) > 0 { return }  // stopped before any line was requested
        let lines = try openLines(ruleSet, logger: logger)
        var daemon = Daemon(rules: ruleSet, lines: lines, rulesPath: rules, clock: ContinuousClock(), logger: logger,
                            localTime: { LocalTime.now })
        daemon.dryRun = dryRun
        // The history (issue 9): a recorder, so it sees the fail-safe switches; it never stops the control.
        if ruleSet.history.enabled {
            daemon.recorders.append(HistoryService(broadcaster: daemon.controller.broadcaster, config: ruleSet.history,
                                                   meters: ruleSet.meters.map(\.name), logger: logger))
        }
        // Exporters (issue 11): observers, off the control path; they read the history with their own cursors.
        if let mqtt = ruleSet.mqtt {
            daemon.observers.append(MQTTService(broadcaster: daemon.controller.broadcaster, config: mqtt,
                                                outputs: ruleSet.outputs.map(\.name),
                                                historyPath: ruleSet.history.enabled ? ruleSet.history.path : nil, logger: logger))
        }
        if let influxDB = ruleSet.influxDB {
            daemon.observers.append(InfluxService(config: influxDB, historyPath: ruleSet.history.enabled ? ruleSet.history.path : nil, logger: logger))
        }
        if let postgresql = ruleSet.postgresql {
            daemon.observers.append(PostgresService(config: postgresql, historyPath: ruleSet.history.enabled ? ruleSet.history.path : nil, logger: logger))
        }
        if let display = ruleSet.display {
            let bus = display.bus
            daemon.panel = OLEDPanel<I2CDevice>(
                size: display.panelSize, address: display.address,
                open: { () throws(HardwareError) in try I2CDevice(path: bus) },
                onEvent: { event in logger.warning("display \(bus): \(event)") })
        }
        // The web page: an observer like any other (a port in use is logged; the outputs are still controlled).
        daemon.observers.append(WebService(config: ruleSet.web, broadcaster: daemon.controller.broadcaster,
                                           rules: RulesText(path: rules), logger: logger,
                                           history: HistorySource(config: ruleSet.history, prices: ruleSet.prices)))
        try await daemon.run()
        if let latency = daemon.controller.decisionLatency { logger.notice("\(latency)") }
    }

    /// Requests every output line once, in its initial state. A line that cannot be had stops the start
    /// with its device and hint (nothing is half-applied: lines already requested are released).
    private func openLines(_ rules: RuleSet, logger: Logger) throws -> [String: any OutputLine] {
        var lines: [String: any OutputLine] = [:]
        for output in rules.outputs {
            if dryRun {
                lines[output.name] = DryRunLine(name: output.name)
                continue
            }
            do {
                lines[output.name] = try GPIOOutputLine(
                    output.gpio, activeLow: output.activeLow, initial: output.initial, consumer: "linkyd")
                logger.info("\(output.name): \(output.gpio) requested, \(output.initial)")
            } catch {
                logger.critical("\(output.name): \(error)")
                throw ExitCode(1)
            }
        }
        return lines
    }
}

/// `--dry-run`: a line that drives nothing. The journal observer logs each switch as
/// `[dry-run] water-heater: on → off (reason)` from the controller's events, off the control path: a
/// line that logged in `drive` wrote to the journal inside the decision, and a slow journal (or a log
/// pipe read late) stretched decisions to milliseconds.
struct DryRunLine: OutputLine {
    let name: String

    func drive(_ state: LineState) throws(HardwareError) {}
}

extension LocalTime {
    /// The system's local time now (the Pi keeps it with NTP).
    static var now: LocalTime {
        var seconds = time(nil)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let weekday = Weekday(isoNumber: parts.tm_wday == 0 ? 7 : Int(parts.tm_wday)) ?? .monday
        return LocalTime(weekday: weekday, hour: Int(parts.tm_hour), minute: Int(parts.tm_min))
    }
}
