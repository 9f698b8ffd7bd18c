import Controller
import LinuxIO
import Logging
import ServiceLifecycle

/// Tells systemd READY=1 once every meter has had its first open attempt (opened or failed: a missing
/// dongle must not keep the outputs' service from starting; it is retried and reported). Waits on the
/// controller's status, so it can be cancelled at any moment (a SIGTERM during a slow open). Ten
/// seconds later the start is over: the pages of the executable only it needed are given back
/// (``StartupPages``: the resident memory of the controller alone goes from ~24 MB to ~10 MB).
public struct ReadinessService: Service {
    let broadcaster: EventBroadcaster
    let notifier: SystemdNotifier
    let logger: Logger

    public init(broadcaster: EventBroadcaster, notifier: SystemdNotifier, logger: Logger) {
        self.broadcaster = broadcaster
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            for await status in broadcaster.statusUpdates() where status.meters.allSatisfy({ $0.link.condition != .unknown }) {
                notifier.notify("READY=1", "STATUS=\(status.summary)")
                logger.notice("linkyd ready: \(status.summary)")
                break
            }
            guard (try? await Task.sleep(for: .seconds(10))) != nil else { return }
            Self.releaseStartupPages(logger)
        }
        await waitForShutdown()
    }

    static func releaseStartupPages(_ logger: Logger) {
        let outcome = StartupPages.release()
        if let error = outcome.error {
            logger.debug("start-up pages not given back (\(error)): the resident memory stays as it is")
        } else {
            logger.debug("start-up pages given back: \(outcome.advisedBytes / 1_048_576) MB of the executable advised (MADV_PAGEOUT)")
        }
    }
}
