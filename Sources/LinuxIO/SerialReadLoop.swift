import HAL
import TIC

/// The body of a ``SerialReader``'s thread: open, read until lost, reopen with backoff; until the
/// wake signal is raised. Runs on one thread; owns the port.
struct SerialReadLoop {
    let reader: SerialReader
    let signal: WakeSignal
    let continuation: AsyncStream<SerialReader.Event>.Continuation
    private var backoff: Backoff
    /// The speed to open at: the fixed mode, or the last one auto-detection used or locked.
    private var mode: TICMode
    private var lastLocked: TICMode?
    private let clock = ContinuousClock()

    init(reader: SerialReader, signal: WakeSignal, continuation: AsyncStream<SerialReader.Event>.Continuation) {
        self.reader = reader
        self.signal = signal
        self.continuation = continuation
        self.backoff = Backoff(initial: reader.options.initialRetryDelay, maximum: reader.options.maximumRetryDelay)
        self.mode = reader.mode.fixedMode ?? .historic
    }

    private func emit(_ event: SerialReader.Event) {
        continuation.yield(event)
    }

    /// Returns once the signal is raised; the port is closed by then.
    mutating func run() {
        var hasOpened = false
        while !signal.isRaised {
            let port: SerialPort
            do {
                port = try SerialPort(path: reader.path, baudRate: mode.baudRate, parity: reader.parity)
            } catch {
                let delay = backoff.next()
                emit(.openFailed(error, retryingIn: delay))
                if signal.wait(for: delay) { return }
                continue
            }
            backoff.reset()
            emit(hasOpened ? .reopened(device: port.device, mode: mode) : .opened(device: port.device, mode: mode))
            hasOpened = true
            guard let lost = read(port) else { return }
            emit(.disconnected(lost))
            if signal.wait(for: backoff.next()) { return }
        }
    }

    /// Reads `port` until it fails (returns the error) or the signal is raised (returns nil).
    /// Consumes the port: it is closed on return.
    private mutating func read(_ port: consuming SerialPort) -> HardwareError? {
        let options = reader.options
        var detector = reader.mode == .auto
            ? ModeDetector(startingWith: lastLocked ?? mode, configuration: options.detector) : nil
        var decoder = FrameDecoder()
        var ignored = DiscardingSink()
        var counted = decoder.statistics
        var lastObservation = clock.now
        var lastByte = clock.now
        var silent = false
        var buffer = [UInt8](repeating: 0, count: max(options.chunkSize, 1))
        while true {
            var timeout = silent ? Duration.seconds(3600) : options.silenceTimeout - lastByte.duration(to: clock.now)
            if detector != nil { timeout = min(timeout, options.observationInterval) }
            var result: Result<SerialPort.ReadOutcome, HardwareError> = .success(.timedOut)
            buffer.withUnsafeMutableBytes { raw in
                result = Result { () throws(HardwareError) in
                    try port.read(into: raw, timeout: timeout, wakingOn: signal)
                }
            }
            let outcome: SerialPort.ReadOutcome
            switch result {
            case .success(let value): outcome = value
            case .failure(let error): return error
            }
            switch outcome {
            case .woken:
                return nil
            case .timedOut:
                break
            case .bytes(let count):
                let chunk = Array(buffer[..<count])
                emit(.bytes(chunk))
                lastByte = clock.now
                silent = false
                if detector != nil { decoder.push(chunk, into: &ignored) }
            }
            if !silent, lastByte.duration(to: clock.now) >= options.silenceTimeout {
                silent = true
                emit(.silence(options.silenceTimeout))
            }
            guard var current = detector, lastObservation.duration(to: clock.now) >= options.observationInterval
            else { continue }
            let now = clock.now
            let observation = ModeDetector.Observation(
                from: counted, to: decoder.statistics, elapsed: lastObservation.duration(to: now))
            counted = decoder.statistics
            lastObservation = now
            let decision = current.observe(observation)
            detector = current
            var next: TICMode?
            switch decision {
            case .keep:
                break
            case .locked(let locked):
                lastLocked = locked
                emit(.modeDetected(locked))
            case .trySpeed(let trying):
                next = trying
            case .unlocked(let lost, let trying):
                lastLocked = nil
                emit(.modeLost(lost))
                next = trying
            }
            guard let next else { continue }
            do {
                try port.setBaudRate(next.baudRate)
            } catch {
                return error
            }
            mode = next
            decoder = FrameDecoder()
            counted = decoder.statistics
            emit(.searching(next))
        }
    }
}

/// Ignores decoded groups: the reader's decoder only counts them (``DecoderStatistics``).
private struct DiscardingSink: TICSink {
    mutating func accept(_ group: GroupView) {}
}
