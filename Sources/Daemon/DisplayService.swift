import Controller
import Display
import HAL
import LinuxIO
import Logging
import ServiceLifecycle

/// The OLED as an observer of the controller's status: draws it twice a second (only the pages that
/// changed are sent) and turns the panel off when linkyd stops. Settings that a reload may change
/// (contrast, night, rotation, pixel shift) are read from the rules in force at every drawing. A
/// missing or failing panel never stops the controller: ``OLEDPanel`` logs once and retries.
public struct DisplayService<C: Clock>: Service where C.Duration == Duration {
    let panel: OLEDPanel<I2CDevice>
    let size: PanelSize
    let controller: LiveController<C>
    let clock: C
    let localTime: @Sendable () -> LocalTime
    var interval: Duration = .milliseconds(500)

    public init(panel: OLEDPanel<I2CDevice>, size: PanelSize, controller: LiveController<C>, clock: C,
                localTime: @escaping @Sendable () -> LocalTime) {
        self.panel = panel
        self.size = size
        self.controller = controller
        self.clock = clock
        self.localTime = localTime
    }

    public func run() async {
        let wall = ContinuousClock()
        // The dashboard shows the power as it comes (a status at every live value, not only at frame ends).
        let following = controller.broadcaster.followLiveStatus()
        defer { withExtendedLifetime(following) {} }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if let status = controller.broadcaster.status {
                    let settings = status.rules.display?.settings ?? .standard
                    let display = DisplayStatus(status, at: controller.now, local: localTime())
                    let frame = Dashboard.render(display, size: size, settings: settings, cycle: RenderCycle(elapsed: controller.now))
                    panel.show(frame, settings: settings, localTime: display.localTime, at: wall.now)
                }
                do { try await clock.sleep(for: interval) } catch { break }
            }
        }
        panel.shutdown()
    }
}
