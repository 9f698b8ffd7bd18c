import Controller
import Glibc
import Display
import HAL
import LinuxIO
import Logging
import ServiceLifecycle

/// `linkyd run` as a group of small services, generic over the clock (tests use a manual one):
///
/// | order | service | stops |
/// |---|---|---|
/// | 1 | ``JournalObserver`` | last: drains the events until the controller's `stopped` |
/// | | ``recorders`` (history) | after the controller, likewise |
/// | 2 | ``ControllerService`` | after every other: drives the fail-safe states |
/// | 3… | one ``MeterReaderService`` per meter | without waiting for a slow open |
/// | | ``DisplayService`` (with `display:`) | panel off |
/// | | ``ReloadService`` (SIGHUP), ``WatchdogService``, ``ReadinessService`` | at once |
/// | | ``observers`` (web, exporters) | first |
///
/// A ServiceGroup starts services in order and stops them in reverse order.
public struct Daemon<C: Clock>: Sendable where C.Duration == Duration {
    public let controller: LiveController<C>
    public let rulesPath: String
    public let clock: C
    public let logger: Logger
    public let notifier: SystemdNotifier
    public let signals: SignalInbox
    public let localTime: @Sendable () -> LocalTime
    /// Made per meter; production: `SerialReader(path:mode:parity:)` from the rules.
    public var makeReader: @Sendable (MeterConfig) -> SerialReader = { SerialReader(meter: $0) }
    /// The OLED, when the rules have a `display:` section (production: I2C through libi2c).
    public var panel: OLEDPanel<I2CDevice>?
    /// Observers that must see every event up to the controller's last (`stopped`: the fail-safe
    /// switches), such as the history: started right after the journal, before the controller, so they
    /// stop after it. Each must subscribe when it is made (not in `run()`), drain its subscription until
    /// it ends (the controller finishes the broadcaster when it stops), and then wait for its own
    /// graceful shutdown (`try? await gracefulShutdown()`): a service that returns early ends the group.
    public var recorders: [any Service] = []
    /// `--dry-run`: the journal marks each switch `[dry-run]` (the lines drive nothing).
    public var dryRun = false
    /// Observers that may stop before the controller (web server, exporters): started last, stopped first.
    /// The same rule: return only at graceful shutdown.
    public var observers: [any Service] = []

    public init(rules: RuleSet, lines: [String: any OutputLine], rulesPath: String, clock: C, logger: Logger,
                notifier: SystemdNotifier = SystemdNotifier(), signals: SignalInbox = .shared,
                localTime: @escaping @Sendable () -> LocalTime) {
        controller = LiveController(rules: rules, lines: lines, clock: clock, localTime: localTime)
        self.rulesPath = rulesPath
        self.clock = clock
        self.logger = logger
        self.notifier = notifier
        self.signals = signals
        self.localTime = localTime
    }

    /// The services, in start order.
    public func services() -> [ServiceGroupConfiguration.ServiceConfiguration] {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: JournalObserver(broadcaster: controller.broadcaster, logger: logger, dryRun: dryRun), successTerminationBehavior: .ignore),
        ]
        for recorder in recorders { services.append(.init(service: recorder)) }
        services.append(.init(service: ControllerService(controller: controller, clock: clock)))
        for (index, meter) in controller.rules.meters.enumerated() {
            services.append(.init(service: MeterReaderService(reader: makeReader(meter), meter: index, controller: controller, logger: logger)))
        }
        if let panel, let size = controller.rules.display?.panelSize {
            services.append(.init(service: DisplayService(panel: panel, size: size, controller: controller, clock: clock, localTime: localTime)))
        }
        services.append(.init(service: ReloadService(controller: controller, rulesPath: rulesPath, signals: signals,
                                                     notifier: notifier, logger: logger)))
        services.append(.init(service: WatchdogService(controller: controller, notifier: notifier, clock: clock),
                              successTerminationBehavior: .ignore))
        services.append(.init(service: ReadinessService(broadcaster: controller.broadcaster, notifier: notifier, logger: logger),
                              successTerminationBehavior: .ignore))
        for observer in observers { services.append(.init(service: observer)) }
        return services
    }

    /// Runs until SIGTERM/SIGINT (or cancellation): every output ends in its fail-safe state. A second
    /// termination signal while shutting down drives the fail-safe states at once and exits.
    public func run() async throws {
        let group = ServiceGroup(configuration: .init(services: services(), gracefulShutdownSignals: [], logger: logger))
        let signals = self.signals
        let controller = self.controller
        let notifier = self.notifier
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                guard let seen = await signals.next(.termination, after: 0) else { return }
                notifier.notify("STOPPING=1", "STATUS=driving outputs to their fail-safe states")
                await group.triggerGracefulShutdown()
                guard await signals.next(.termination, after: seen) != nil else { return }
                controller.stop()
                exit(0)
            }
            try await group.run()
            tasks.cancelAll()
        }
    }
}

extension SerialReader {
    /// The reader a meter of the rules file asks for.
    public init(meter: MeterConfig) {
        self.init(path: meter.port, mode: meter.mode, parity: meter.parity ?? .even7E1)
    }
}
