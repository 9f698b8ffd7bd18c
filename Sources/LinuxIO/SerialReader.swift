import HAL
import TIC

/// The long-running reader of a TIC serial line: an `AsyncSequence` of ``Event``s (bytes, and what
/// happened to the port) that never throws and never ends by itself.
///
/// ```swift
/// for await event in SerialReader(path: "/dev/serial/by-id/usb-…", mode: .auto) {
///     if case .bytes(let chunk) = event { decoder.push(chunk, into: &state) }
/// }
/// ```
///
/// - Each iteration (`makeAsyncIterator()`) opens the port and reads it on its own detached thread,
///   blocked in `poll(2)`: the cooperative pool is never blocked.
/// - A port that cannot be opened or goes away (USB dongle unplugged, hang-up) is reported
///   (``Event/openFailed(_:retryingIn:)``, ``Event/disconnected(_:)``) and reopened with exponential
///   backoff (``Options/initialRetryDelay`` doubling to ``Options/maximumRetryDelay``), forever.
/// - With ``ModeSetting/auto`` the reader runs its own ``FrameDecoder`` on the bytes only to count
///   verified and rejected groups, feeds the counts to a ``ModeDetector`` every
///   ``Options/observationInterval``, and changes the speed in place as it decides. The consumer's
///   decoder needs no feedback path: the TIC decoder is mode-agnostic (the separator tells). After a
///   reconnection the search starts at the last detected mode.
/// - Cancelling the consuming task, or dropping the iterator, wakes the thread at once (a
///   ``WakeSignal``): it closes the port and the sequence ends.
public struct SerialReader: AsyncSequence, Sendable {
    public typealias Element = Event
    public typealias Failure = Never

    public let path: String
    public let mode: ModeSetting
    public let parity: SerialParity
    public let options: Options

    public init(
        path: String, mode: ModeSetting = .auto, parity: SerialParity = .even7E1, options: Options = Options()
    ) {
        self.path = path
        self.mode = mode
        self.parity = parity
        self.options = options
    }

    /// Starts reading: a new port and thread per iterator.
    public func makeAsyncIterator() -> AsyncStream<Event>.Iterator {
        events().makeAsyncIterator()
    }

    /// The events of a new reading, as a stream (what ``makeAsyncIterator()`` iterates).
    public func events() -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: Event.self, bufferingPolicy: .bufferingNewest(Swift.max(options.bufferedEvents, 1)))
        let signal = WakeSignal()
        continuation.onTermination = { _ in signal.raise() }
        let reader = self
        let body: @Sendable () -> Void = {
            var loop = SerialReadLoop(reader: reader, signal: signal, continuation: continuation)
            loop.run()
            continuation.finish()
        }
        if !DetachedThread.start(body) {
            // No thread to be had: read on the pool rather than not at all.
            Task.detached(operation: body)
        }
        return stream
    }
}
