import Controller
import LinuxIO
import Logging
import ServiceLifecycle

/// SIGHUP: reads and compiles the rules file again and hands the result to the controller, which
/// applies it whole or refuses it whole (the old rules stay in force). Tells systemd RELOADING=1,
/// then READY=1 with a status line.
public struct ReloadService<C: Clock>: Service where C.Duration == Duration {
    let controller: LiveController<C>
    let rulesPath: String
    let signals: SignalInbox
    let notifier: SystemdNotifier
    let logger: Logger

    public init(controller: LiveController<C>, rulesPath: String, signals: SignalInbox, notifier: SystemdNotifier, logger: Logger) {
        self.controller = controller
        self.rulesPath = rulesPath
        self.signals = signals
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async {
        let initial = 0  // a SIGHUP during startup reloads once: the file may have changed after it was read
        await cancelWhenGracefulShutdown {
            var seen = initial
            while let count = await signals.next(.hangUp, after: seen) {
                seen = count
                notifier.notify("RELOADING=1", SystemdNotifier.monotonicMicroseconds)
                reload()
                notifier.notify("READY=1", "STATUS=\(controller.status.summary)")
                ReadinessService.releaseStartupPages(logger)  // what parsing the file touched
            }
        }
    }

    /// Reads and compiles the file; any problem keeps the old rules in force.
    public func reload() {
        let source: String
        do {
            source = try RulesFile.read(rulesPath)
        } catch {
            controller.refuseReload(problems: ["\(error)"])
            return
        }
        let compilation = RulesCompiler.compile(source: source, file: rulesPath)
        let lines = compilation.diagnostics.oneLines
        guard let rules = compilation.ruleSet else {
            controller.refuseReload(problems: lines + ["\(rulesPath): \(compilation.diagnostics.summary); the old rules stay in force"])
            return
        }
        controller.reload(rules, warnings: lines)
    }
}

extension ControllerStatus {
    /// One line for systemd's STATUS= and the journal: each output's state.
    public var summary: String {
        outputs.isEmpty ? "no outputs" : outputs.map { "\($0.name) \($0.state)" }.joined(separator: ", ")
    }
}
