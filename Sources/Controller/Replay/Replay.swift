import TIC

/// Replays recorded or simulated meter bytes through the decoder and the engine, as `linkyd
/// simulate` and `linkyd demo` do. Replay time advances by each byte's time on the wire at its mode's
/// baud rate (10 bits per byte), so `for:`, `delay:` and `min-off:` behave as they would live; the
/// engine is evaluated after every verified group, as the daemon does.
///
/// Pure: bytes and a starting local time in, output changes out.
public struct Replay: Sendable {
    /// One output switch during the replay.
    public struct Event: Sendable, Hashable {
        /// 0-based count of frames decoded (across all meters) when the switch happened.
        public var frame: Int
        /// Replay time since the start.
        public var time: Duration
        public var change: OutputChange
    }

    public private(set) var engine: RuleEngine
    public private(set) var now: Duration = .zero
    public private(set) var frames = 0
    public private(set) var readings: [String: MeterReading] = [:]
    private var decoders: [String: FrameDecoder] = [:]
    private let start: LocalTime

    /// `start` is the local time used until a meter's clock (`DATE`, standard mode) says otherwise.
    public init(rules: RuleSet, start: LocalTime) {
        engine = RuleEngine(rules: rules, at: .zero)
        self.start = start
    }

    /// The decoder statistics of a meter.
    public func statistics(of meter: String) -> DecoderStatistics? { decoders[meter]?.statistics }

    /// Feeds bytes received from `meter` and returns the switches they caused.
    public mutating func feed(_ bytes: [UInt8], meter: String) -> [Event] {
        var events: [Event] = []
        var decoder = decoders[meter] ?? FrameDecoder()
        var sink = Sink(state: readings[meter]?.state ?? MeterState())
        let fixedMode: TICMode? = switch engine.rules.meter(named: meter)?.mode {
        case .historic: .historic
        case .standard: .standard
        default: nil
        }
        // Before the meter's mode is known, time the bytes at the mode they turn out to be in.
        let guessed = fixedMode ?? sink.state.mode ?? Replay.firstMode(in: bytes) ?? .historic
        for byte in bytes {
            let mode = fixedMode ?? sink.state.mode ?? guessed
            now += .nanoseconds(mode.nanosecondsPerByte)
            withUnsafeBytes(of: byte) { decoder.push($0, into: &sink) }
            if sink.completedFrames > 0 {
                frames += sink.completedFrames
                sink.completedFrames = 0
            }
            guard sink.changed else { continue }
            sink.changed = false
            readings[meter] = MeterReading(state: sink.state, lastValidGroup: now)
            events += evaluate()
        }
        readings[meter] = MeterReading(state: sink.state, lastValidGroup: readings[meter]?.lastValidGroup)
        decoders[meter] = decoder
        return events
    }

    /// Lets replay time pass without bytes (e.g. a silent line) and evaluates once.
    public mutating func advance(by duration: Duration) -> [Event] {
        now += duration
        return evaluate()
    }

    /// The local time now: the meter clock when one was sent, else the start time plus replay time.
    public var localTime: LocalTime {
        for reading in readings.values {
            if let clock = reading.state.clock { return LocalTime(clock) }
        }
        return start.advanced(by: now)
    }

    /// The mode of the first verified group in `bytes`.
    static func firstMode(in bytes: [UInt8]) -> TICMode? {
        struct First: TICSink {
            var mode: TICMode?
            mutating func accept(_ group: GroupView) { if mode == nil { mode = group.mode } }
        }
        var first = First()
        var decoder = FrameDecoder()
        decoder.push(bytes, into: &first)
        return first.mode
    }

    private mutating func evaluate() -> [Event] {
        let decision = engine.evaluate(readings, at: now, local: localTime)
        return decision.changes.map { Event(frame: frames, time: now, change: $0) }
    }

    /// Applies groups to the meter state and notes what happened for the replay loop.
    private struct Sink: TICSink {
        var state: MeterState
        /// A group was applied or a frame ended (which may clear warnings): evaluate.
        var changed = false
        var completedFrames = 0

        mutating func accept(_ group: GroupView) {
            state.accept(group)
            changed = true
        }

        mutating func frameStarted() { state.frameStarted() }

        mutating func frameEnded(_ end: FrameEnd) {
            state.frameEnded(end)
            if end == .complete {
                completedFrames += 1
                changed = true
            }
        }
    }
}
