import Controller
import ServiceLifecycle

/// The controller as a service: ticks it on its clock, and when the group shuts down (SIGTERM,
/// SIGINT) or is cancelled drives every output to its fail-safe state, then ends the observers'
/// subscriptions. Put it first in the group: services stop in reverse order, so it stops after the
/// readers, the display and the reload service (the journal, which logs the fail-safe, goes before it).
public struct ControllerService<C: Clock>: Service where C.Duration == Duration {
    public let controller: LiveController<C>
    let clock: C
    var tickInterval: Duration

    public init(controller: LiveController<C>, clock: C, tickInterval: Duration = .seconds(1)) {
        self.controller = controller
        self.clock = clock
        self.tickInterval = tickInterval
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                controller.tick()
                do { try await clock.sleep(for: tickInterval) } catch { break }
            }
        }
        controller.stop()
        controller.broadcaster.finish()
    }
}
