import Controller
import LinuxIO
import ServiceLifecycle

/// Pings systemd's watchdog (`WATCHDOG=1`, every half `WatchdogSec`) only while the controller
/// ticks: a controller stuck in a line or a lock stops the pings, and systemd restarts linkyd.
public struct WatchdogService<C: Clock>: Service where C.Duration == Duration {
    let controller: LiveController<C>
    let notifier: SystemdNotifier
    let clock: C
    /// Longest time without a tick that still counts as alive.
    var tolerance: Duration = .seconds(5)

    public init(controller: LiveController<C>, notifier: SystemdNotifier, clock: C) {
        self.controller = controller
        self.notifier = notifier
        self.clock = clock
    }

    public func run() async {
        // Services end only when the group shuts down (one that returns early would end the group).
        guard let interval = notifier.watchdogInterval else { return await waitForShutdown() }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if let last = controller.lastTickTime, controller.now - last <= tolerance {
                    notifier.notify("WATCHDOG=1")
                }
                do { try await clock.sleep(for: interval / 2) } catch { break }
            }
        }
    }
}
