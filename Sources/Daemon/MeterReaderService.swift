import Controller
import LinuxIO
import ServiceLifecycle
import TIC

/// One meter's serial line as a service: its reader starts in ``run()`` and hands every chunk to the
/// controller, with the line's events. (Interim: over the reader's event stream; the synchronous
/// consumer API replaces it.)
public struct MeterReaderService<C: Clock>: Service where C.Duration == Duration {
    let reader: SerialReader
    let meter: Int
    let controller: LiveController<C>

    public init(reader: SerialReader, meter: Int, controller: LiveController<C>) {
        self.reader = reader
        self.meter = meter
        self.controller = controller
    }

    public func run() async {
        let events = reader.events()
        await cancelWhenGracefulShutdown {
            for await event in events {
                if case .bytes(let bytes) = event {
                    _ = bytes.withUnsafeBytes { controller.receive($0, from: meter) }
                } else if let link = LinkEvent(event) {
                    controller.link(link, meter: meter)
                }
            }
        }
    }
}

extension LinkEvent {
    /// The reader's event in the controller's words (nil for bytes).
    init?(_ event: SerialReader.Event) {
        switch event {
        case .bytes: return nil
        case .opened(let device, let mode): self = .opened(device: device, mode: mode, again: false)
        case .reopened(let device, let mode): self = .opened(device: device, mode: mode, again: true)
        case .searching(let mode): self = .searching(mode)
        case .modeDetected(let mode): self = .modeDetected(mode)
        case .modeLost(let mode): self = .modeLost(mode)
        case .silence(let duration): self = .silence(duration)
        case .disconnected(let error): self = .disconnected(error)
        case .openFailed(let error, let delay): self = .openFailed(error, retryingIn: delay)
        }
    }
}
