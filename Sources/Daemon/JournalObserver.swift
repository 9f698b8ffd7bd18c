import Controller
import HAL
import Logging
import ServiceLifecycle

/// The journal as an observer: one line per switch (with its reason), signal loss and return, reload,
/// meter reset, line failure and serial-line event, at the priority a person needs (journald maps
/// swift-log levels, LinuxIO.JournalLogHandler). It does not stop on graceful shutdown: it drains
/// the events until the controller's last one (``ControllerEvent/Kind/stopped``), so the fail-safe
/// states are logged. Put it before the controller in the group.
public struct JournalObserver: Service {
    let subscription: EventSubscription
    let broadcaster: EventBroadcaster
    let logger: Logger
    /// Each switch is marked `[dry-run]` (`linkyd run --dry-run`: no line is driven).
    let dryRun: Bool

    /// Subscribes at once, so nothing published after this line is missed.
    public init(broadcaster: EventBroadcaster, logger: Logger, dryRun: Bool = false) {
        self.dryRun = dryRun
        // Not woken for readings; statistics only when they are logged (debug).
        subscription = broadcaster.subscribe(capacity: 8192, kinds: logger.logLevel <= .debug ? [.notable, .statistics] : .notable)
        self.broadcaster = broadcaster
        self.logger = logger
    }

    public func run() async {
        for await delivery in subscription {
            switch delivery {
            case .missed(let count):
                logger.warning("journal fell behind: \(count) controller events were not logged")
            case .event(let event):
                log(event)
            }
        }
        await waitForShutdown()
    }

    func log(_ event: ControllerEvent) {
        switch event.kind {
        case .switched(let change):
            logger.notice("\(dryRun ? "[dry-run] " : "")\(change.output): \(change.from) → \(change.to) (\(change.reason))")
        case .meterLost(let meter):
            let timeout = broadcaster.status?.rules.signalLossTimeout.readable ?? "the timeout"
            logger.error("meter '\(meter)': no valid frame for \(timeout): outputs that depend on it go to their fail-safe state")
        case .meterBack(let meter):
            logger.notice("meter '\(meter)': signal back")
        case .meterReset(let meter, let from, let to):
            logger.warning("meter '\(meter)': now \(to), was \(from): its readings start afresh")
        case .reloaded(let summary):
            for warning in summary.warnings { logger.warning("\(warning)") }
            logger.notice("rules reloaded: \(summary.rules) rules, \(summary.outputs) outputs")
        case .reloadRefused(let problems):
            for problem in problems { logger.error("reload refused: \(problem)") }
        case .lineFailed(let output, let error):
            logger.error("\(output): \(error)")
        case .lineRecovered(let output):
            logger.notice("\(output): line works again")
        case .link(let meter, let link):
            switch link {
            case .disconnected, .openFailed: logger.error("meter '\(meter)': \(link)")
            case .silence, .modeLost: logger.warning("meter '\(meter)': \(link)")
            default: logger.notice("meter '\(meter)': \(link)")
            }
        case .statistics(let meter, let statistics):
            logger.debug("meter '\(meter)': \(statistics.frames) frames, \(statistics.groupsAccepted) groups, \(statistics.checksumErrors) checksum errors, \(statistics.malformedGroups) malformed")
        case .stopped:
            let states = broadcaster.status?.summary ?? "-"
            logger.notice("outputs in their fail-safe states: \(states)")
        case .meterChanged, .valueChanged:
            break
        }
    }
}
