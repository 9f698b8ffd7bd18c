import HAL
import Synchronization
import TIC

// DEPRECATED compatibility shim, to be removed once RunCommand.swift and ControlService.swift (and
// ControlServiceTests) use ``SerialReader/start(delivering:)``: the old `AsyncStream` API, built on
// the new one. Unlike the old stream it never drops (its buffer is unbounded), and in auto mode it
// decodes the bytes a second time to feed detection, as the old reader did.

extension SerialReader {
    /// The old event stream's element: ``LinkEvent`` plus the bytes.
    @available(*, deprecated, message: "use SerialConsumer and SerialReader.LinkEvent; remove with events()")
    public enum Event: Sendable, Hashable {
        case opened(device: String, mode: TICMode)
        case reopened(device: String, mode: TICMode)
        /// Bytes as received, in order.
        case bytes([UInt8])
        case searching(TICMode)
        case modeDetected(TICMode)
        case modeLost(TICMode)
        case silence(Duration)
        case disconnected(HardwareError)
        case openFailed(HardwareError, retryingIn: Duration)

        public init(_ event: LinkEvent) {
            switch event {
            case .opened(let device, let mode): self = .opened(device: device, mode: mode)
            case .reopened(let device, let mode): self = .reopened(device: device, mode: mode)
            case .searching(let mode): self = .searching(mode)
            case .modeDetected(let mode): self = .modeDetected(mode)
            case .modeLost(let mode): self = .modeLost(mode)
            case .silence(let duration): self = .silence(duration)
            case .disconnected(let error): self = .disconnected(error)
            case .openFailed(let error, let delay): self = .openFailed(error, retryingIn: delay)
            }
        }

        /// The link event, nil for ``bytes(_:)``.
        public var link: LinkEvent? {
            switch self {
            case .opened(let device, let mode): .opened(device: device, mode: mode)
            case .reopened(let device, let mode): .reopened(device: device, mode: mode)
            case .bytes: nil
            case .searching(let mode): .searching(mode)
            case .modeDetected(let mode): .modeDetected(mode)
            case .modeLost(let mode): .modeLost(mode)
            case .silence(let duration): .silence(duration)
            case .disconnected(let error): .disconnected(error)
            case .openFailed(let error, let delay): .openFailed(error, retryingIn: delay)
            }
        }
    }

    /// A new reading as an event stream; terminating the stream (cancelled task, dropped iterator)
    /// stops it.
    @available(*, deprecated, message: "use start(delivering:) with a SerialConsumer")
    public func events() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .unbounded)
        let reading = start(delivering: EventStreamConsumer(continuation, decoding: mode == .auto))
        continuation.onTermination = { _ in reading.stop() }
        return stream
    }
}

/// Copies what it receives into an event stream (the deprecated ``SerialReader/events()``).
@available(*, deprecated, message: "remove with SerialReader.events()")
private final class EventStreamConsumer: SerialConsumer {
    private let continuation: AsyncStream<SerialReader.Event>.Continuation
    /// A decoder of its own, for auto-detection only (the stream's consumer decodes again).
    private let decoder: Mutex<FrameDecoder>?

    init(_ continuation: AsyncStream<SerialReader.Event>.Continuation, decoding: Bool) {
        self.continuation = continuation
        self.decoder = decoding ? Mutex(FrameDecoder()) : nil
    }

    func serialReader(_ reader: SerialReader, received bytes: UnsafeRawBufferPointer) -> DecoderStatistics {
        continuation.yield(.bytes(Array(bytes)))
        return decoder?.withLock { decoder in
            var ignored = DiscardingSink()
            decoder.push(bytes, into: &ignored)
            return decoder.statistics
        } ?? DecoderStatistics()
    }

    func serialReader(_ reader: SerialReader, didReport event: SerialReader.LinkEvent) {
        continuation.yield(SerialReader.Event(event))
    }
}

/// Ignores decoded groups: the shim's decoder only counts them.
private struct DiscardingSink: TICSink {
    mutating func accept(_ group: GroupView) {}
}
