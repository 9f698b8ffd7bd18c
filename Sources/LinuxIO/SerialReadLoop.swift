import HAL
import TIC

/// The body of a ``SerialReader``'s thread: open, read until lost, reopen with backoff; until the
/// wake signal is raised. Runs on one thread; owns the port; calls the consumer through the
/// ``SerialDelivery`` only.
struct SerialReadLoop {
    let reader: SerialReader
    let delivery: SerialDelivery
    private var signal: WakeSignal { delivery.signal }
    private var backoff: Backoff
    /// The speed to open at: the fixed mode, or the last one auto-detection used or locked.
    private var mode: TICMode
    private var lastLocked: TICMode?

    init(reader: SerialReader, delivery: SerialDelivery) {
        self.reader = reader
        self.delivery = delivery
        self.backoff = Backoff(initial: reader.options.initialRetryDelay, maximum: reader.options.maximumRetryDelay)
        self.mode = reader.mode.fixedMode ?? .historic
    }

    /// Returns once the signal is raised; the port is closed by then.
    mutating func run() {
        var hasOpened = false
        while !signal.isRaised {
            let port: SerialPort
            do {
                port = try reader.openPort(reader.path, mode.baudRate, reader.parity)
            } catch {
                if signal.isRaised { return }
                let delay = backoff.next()
                delivery.report(.openFailed(error, retryingIn: delay))
                if signal.wait(for: delay) { return }
                continue
            }
            // A stop during a slow open(2): the port closes here, nothing is reported.
            if signal.isRaised { return }
            backoff.reset()
            delivery.report(hasOpened ? .reopened(device: port.device, mode: mode) : .opened(device: port.device, mode: mode))
            hasOpened = true
            guard let lost = read(port) else { return }
            delivery.report(.disconnected(lost))
            if signal.wait(for: backoff.next()) { return }
        }
    }

    /// Reads `port` until it fails (returns the error) or the signal is raised (returns nil).
    /// Consumes the port: it is closed on return. Times are ``BootTime`` nanoseconds: the loop runs
    /// ~29 times a second at 9600 Bd, and reads the clock three or four times per turn.
    private mutating func read(_ port: consuming SerialPort) -> HardwareError? {
        let options = reader.options
        let silenceTimeout = BootTime.nanoseconds(options.silenceTimeout)
        let window = BootTime.nanoseconds(options.coalescingWindow)
        let observationInterval = BootTime.nanoseconds(options.observationInterval)
        var search = reader.mode == .auto
            ? ModeSearch(startingWith: lastLocked ?? mode, configuration: options.detector, at: BootTime.now()) : nil
        var lastByte = BootTime.now()
        var silent = false
        var buffer = [UInt8](repeating: 0, count: max(options.chunkSize, 2))
        // Bytes read but held until one can complete a group (``GroupEndScanner``), the line pauses
        // for a coalescing window, or they fill half the buffer; then delivered in one call, up to the
        // last byte that completes something (what follows it, the start of the next group, stays
        // held: the decoder gets whole groups).
        var held = 0
        var scanner = GroupEndScanner()
        while true {
            let readAt = BootTime.now()
            var deadline = silent ? readAt &+ 3_600_000_000_000 : lastByte &+ silenceTimeout
            if let search { deadline = min(deadline, search.nextObservation(every: observationInterval)) }
            if held > 0 { deadline = min(deadline, readAt &+ max(window, 1_000_000)) }
            var result: Result<SerialPort.ReadOutcome, HardwareError> = .success(.timedOut)
            var statistics: DecoderStatistics?
            var delivered = false
            let capacity = buffer.count - held
            buffer.withUnsafeMutableBytes { raw in
                let free = UnsafeMutableRawBufferPointer(rebasing: raw[held...])
                result = Result { () throws(HardwareError) in
                    try port.read(into: free, timeoutNanoseconds: deadline &- readAt, wakingOn: signal)
                }
                let read: Int
                switch result {
                case .success(.bytes(let count)): read = count
                case .success(.timedOut), .failure: read = 0  // a pause, or the port lost: hand over what is held
                case .success(.woken): return
                }
                let completion = read > 0 ? scanner.completionEnd(UnsafeRawBufferPointer(rebasing: free[..<read])) : nil
                let before = held
                held += read
                let pausedOrLost = read == 0
                if held > 0, completion != nil || pausedOrLost || held >= raw.count / 2 || window == 0 {
                    let cut = completion.map { before + $0 } ?? held
                    statistics = delivery.deliver(UnsafeRawBufferPointer(rebasing: raw[..<cut]))
                    if cut < held, let base = raw.baseAddress { (base).copyMemory(from: base + cut, byteCount: held - cut) }
                    held -= cut
                    delivered = true
                }
            }
            let outcome: SerialPort.ReadOutcome
            switch result {
            case .success(let value): outcome = value
            case .failure(let error): return error
            }
            if delivered {
                guard let statistics else { return nil }  // stopped during the delivery
                search?.received(statistics)
            }
            var now = BootTime.now()
            switch outcome {
            case .woken:
                return nil
            case .timedOut:
                break
            case .bytes(let count):
                lastByte = now
                silent = false
                // Coalescing: the kernel's buffer is empty; let the next bytes gather for a window.
                if count < capacity, window > 0 {
                    if signal.wait(nanoseconds: readAt &+ window &- now) { return nil }
                    now = BootTime.now()
                }
            }
            if !silent, now &- lastByte >= silenceTimeout {
                silent = true
                delivery.report(.silence(options.silenceTimeout))
            }
            guard var current = search, let decision = current.observe(every: observationInterval, at: now)
            else { continue }
            defer { search = current }
            if let error = apply(decision, to: &port, search: &current) { return error }
        }
    }

    /// Reports `decision` and changes the speed if it says so.
    private mutating func apply(
        _ decision: ModeDetector.Decision, to port: inout SerialPort, search: inout ModeSearch
    ) -> HardwareError? {
        let next: TICMode
        switch decision {
        case .keep:
            return nil
        case .locked(let locked):
            lastLocked = locked
            delivery.report(.modeDetected(locked))
            return nil
        case .trySpeed(let trying):
            next = trying
        case .unlocked(let lost, let trying):
            lastLocked = nil
            delivery.report(.modeLost(lost))
            next = trying
        }
        do {
            try port.setBaudRate(next.baudRate)
        } catch {
            return error
        }
        mode = next
        search.speedChanged()
        delivery.report(.searching(next))
        return nil
    }
}
