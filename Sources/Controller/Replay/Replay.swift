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

        public init(frame: Int, time: Duration, change: OutputChange) {
            self.frame = frame
            self.time = time
            self.change = change
        }
    }

    public private(set) var engine: RuleEngine
    public private(set) var now: Duration = .zero
    public private(set) var frames = 0
    private var channels: [String: MeterChannel] = [:]
    private let start: LocalTime

    /// `start` is the local time used until a meter's clock (`DATE`, standard mode) says otherwise.
    public init(rules: RuleSet, start: LocalTime) {
        engine = RuleEngine(rules: rules, at: .zero)
        self.start = start
    }

    /// Each meter's reading.
    public var readings: [String: MeterReading] { channels.mapValues(\.reading) }

    /// The decoder statistics of a meter.
    public func statistics(of meter: String) -> DecoderStatistics? { channels[meter]?.decoder.statistics }

    /// Feeds bytes received from `meter` and returns the switches they caused.
    public mutating func feed(_ bytes: [UInt8], meter: String) -> [Event] {
        var events: [Event] = []
        var channel = channels[meter] ?? MeterChannel()
        let fixedMode: TICMode? = switch engine.rules.meter(named: meter)?.mode {
        case .historic: .historic
        case .standard: .standard
        default: nil
        }
        // Before the meter's mode is known, time the bytes at the mode they turn out to be in.
        let guessed = fixedMode ?? channel.reading.state.mode ?? Replay.firstMode(in: bytes) ?? .historic
        for index in bytes.indices {
            now += .nanoseconds((fixedMode ?? channel.reading.state.mode ?? guessed).nanosecondsPerByte)
            let framesBefore = channel.decoder.statistics.frames
            let changed = channel.push(bytes[index...index], at: now)
            frames += channel.decoder.statistics.frames - framesBefore
            guard changed else { continue }
            channels[meter] = channel
            events += evaluate()
        }
        channels[meter] = channel
        return events
    }

    /// The local time for `time:` and `days:` conditions, when the caller knows better than the
    /// meters (the demo's simulated clock).
    public var clockOverride: LocalTime?

    /// Skips `duration` as if the meters had kept sending the same values (a simulated day jumping
    /// ahead): timers advance, no signal is lost. Evaluates once.
    public mutating func skip(by duration: Duration) -> [Event] {
        now += duration
        for (name, channel) in channels {
            var shifted = channel
            shifted.reading.lastValidGroup = channel.reading.lastValidGroup.map { $0 + duration }
            channels[name] = shifted
        }
        return evaluate()
    }

    /// Lets replay time pass without bytes (e.g. a silent line) and evaluates once.
    public mutating func advance(by duration: Duration) -> [Event] {
        now += duration
        return evaluate()
    }

    /// The local time now: the meter clock when one was sent, else the start time plus replay time.
    public var localTime: LocalTime {
        if let clockOverride { return clockOverride }
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

    /// The last evaluation's decision.
    public private(set) var decision: Decision?

    private mutating func evaluate() -> [Event] {
        let decision = engine.evaluate(readings, at: now, local: localTime)
        self.decision = decision
        return decision.changes.map { Event(frame: frames, time: now, change: $0) }
    }
}
