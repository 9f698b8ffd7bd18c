import ArgumentParser
import Controller
import Display
import Foundation
import HAL
import LinuxIO
import Logging
import ServiceLifecycle
import TIC

/// `linkyd run --rules FILE [--dry-run]`: the daemon.
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
        let lines = try openLines(ruleSet, logger: logger)
        let clock = ContinuousClock()
        let origin = clock.now
        let loop = ControlLoop(rules: ruleSet, lines: lines, logger: logger, at: .zero, local: .now)
        var sources: [String: AsyncStream<SerialReader.Event>] = [:]
        for meter in ruleSet.meters {
            sources[meter.name] = SerialReader(path: meter.port, mode: meter.readerMode, parity: meter.serialParity).events()
        }
        var service = ControlService(loop: loop, sources: sources, rulesPath: rules, notifier: SystemdNotifier(),
                                     logger: logger, origin: origin)
        if let display = ruleSet.display {
            let bus = display.bus
            let panel = OLEDPanel<I2CDevice>(
                size: display.panelSize, address: I2CAddress(Int(display.address)) ?? .ssd1306,
                open: { () throws(HardwareError) in try I2CDevice(path: bus) },
                onEvent: { event in logger.warning("display \(bus): \(event)") })
            service.oled = .init(panel: panel, settings: display.settings, size: display.panelSize)
        }
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// Requests every output line once, in its initial state. A line that cannot be had stops the start
    /// with its device and hint (nothing is half-applied: lines already requested are released).
    private func openLines(_ rules: RuleSet, logger: Logger) throws -> [String: any OutputLine] {
        var lines: [String: any OutputLine] = [:]
        for output in rules.outputs {
            if dryRun {
                lines[output.name] = DryRunLine(name: output.name, logger: logger)
                continue
            }
            do {
                lines[output.name] = try GPIOOutputLine(
                    output.gpio, activeLow: output.activeLow, initial: LineState(output.initial.isOn), consumer: "linkyd")
                logger.info("\(output.name): \(output.gpio) requested, \(output.initial)")
            } catch {
                logger.critical("\(output.name): \(error)")
                throw ExitCode(1)
            }
        }
        return lines
    }
}

/// `--dry-run`: a line that only logs.
struct DryRunLine: OutputLine {
    let name: String
    let logger: Logger

    func drive(_ state: LineState) throws(HardwareError) {
        logger.notice("[dry-run] \(name) → \(state)")
    }
}

extension MeterConfig {
    var readerMode: SerialReader.ModeSetting {
        switch mode {
        case .auto: .auto
        case .historic: .historic
        case .standard: .standard
        }
    }

    var serialParity: SerialParity { parity == .eightNoneOne ? .none8N1MaskBit7 : .even7E1 }
}
