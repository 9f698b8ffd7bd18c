import Controller
import Dispatch
import Logging
import ServiceLifecycle

/// The history as a recorder service of `linkyd run` (`Daemon.recorders`): it subscribes when made,
/// drains its subscription until the controller's last event (so the fail-safe switches are
/// recorded), writes a final batch, then waits for graceful shutdown — never returning early.
///
/// It never delays the control path: it only consumes its own bounded subscription (a backlog is
/// counted as missed, never waited for), and the SQLite transaction runs on a queue of its own, once
/// per `commit-every`.
public struct HistoryService: Service {
    let subscription: EventSubscription
    let config: HistoryConfig
    let meters: [String]
    let logger: Logger

    public init(broadcaster: EventBroadcaster, config: HistoryConfig, meters: [String], logger: Logger) {
        subscription = broadcaster.subscribe(capacity: 65_536, kinds: EventKinds.all.subtracting([.valueChanged, .link, .statistics]))
        self.config = config
        self.meters = meters
        self.logger = logger
    }

    public func run() async {
        let box = WriterBox(HistoryWriter(config: config, meters: meters, logger: logger))
        _ = await box.run { $0.open() }
        for await delivery in subscription {
            switch delivery {
            case .missed(let count):
                logger.warning("history fell behind: \(count) controller events were not recorded")
            case .event(let event):
                let due = box.writer.record(event)
                if due { await box.run { $0.commit(at: event.at) } }
            }
        }
        await box.run { $0.commit(final: true) }
        try? await gracefulShutdown()
    }
}

/// The writer, touched by the service's task and, during a commit, by the history queue only
/// (the task awaits the commit): never by two at once.
final class WriterBox: @unchecked Sendable {
    var writer: HistoryWriter
    private static let queue = DispatchQueue(label: "linkyd.history", qos: .utility)

    init(_ writer: HistoryWriter) { self.writer = writer }

    /// Runs `body` on the history queue and waits for it.
    func run<T: Sendable>(_ body: @escaping @Sendable (inout HistoryWriter) -> T) async -> T {
        await withCheckedContinuation { continuation in
            WriterBox.queue.async {
                continuation.resume(returning: body(&self.writer))
            }
        }
    }
}
