import TIC

/// The controller core on a virtual clock, as `linkyd simulate` and `linkyd demo` run it: recorded or
/// simulated meter bytes in, the core's events out. Replay time advances by each byte's time on the
/// wire at its mode's baud rate (10 bits per byte), so `for:`, `delay:` and `min-off:` behave as they
/// would live; the core evaluates after every verified group, as the daemon does.
///
/// Pure: bytes and a starting local time in, events out. The wall clock for `time:`/`days:` is the
/// meter's own clock (`DATE`, standard mode) once one is received, else the start time plus replay
/// time, unless ``clockOverride`` says otherwise.
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

    public private(set) var core: ControllerCore
    public private(set) var now: Duration = .zero
    public private(set) var frames = 0
    private let start: LocalTime
    private var scratch: [ControllerEvent] = []

    /// The wall clock (UTC) at the start, for the events' `time` until a meter clock is received.
    private let wallStart: WallTime

    /// `start` is the local time used until a meter's clock (`DATE`, standard mode) says otherwise;
    /// `wallStart` the same instant as a wall clock (events carry it, advanced by replay time).
    public init(rules: RuleSet, start: LocalTime, wallStart: WallTime = WallTime(millisecondsSince1970: 0)) {
        core = ControllerCore(rules: rules, at: .zero, local: start)
        core.state.followsMeterClock = true
        self.start = start
        self.wallStart = wallStart
        core.setWallClock(wallStart, at: .zero)
    }

    public var engine: RuleEngine { core.engine }

    /// Tests: evaluate after every verified group even when nothing could change.
    var alwaysEvaluate: Bool {
        get { core.state.alwaysEvaluate }
        set { core.state.alwaysEvaluate = newValue }
    }
    public var decision: Decision? { core.decision }

    /// Each meter's reading, by name.
    public var readings: [String: MeterReading] {
        Dictionary(uniqueKeysWithValues: zip(core.rules.meters.map(\.name), core.readings))
    }

    /// The decoder statistics of a meter.
    public func statistics(of meter: String) -> DecoderStatistics? { core.meterIndex(meter).map(core.statistics(of:)) }

    /// The local time for `time:` and `days:` conditions, when the caller knows better than the
    /// meters (the demo's simulated clock).
    public var clockOverride: LocalTime? {
        didSet { syncClock() }
    }

    /// Feeds bytes received from `meter` and returns the switches they caused.
    public mutating func feed(_ bytes: [UInt8], meter: String) -> [Event] {
        var events: [ControllerEvent] = []
        return feed(bytes, meter: meter, into: &events)
    }

    /// Feeds bytes received from `meter`, appends every core event to `events` (for a recorder) and
    /// returns the switches. Unknown meter names are ignored.
    public mutating func feed(_ bytes: [UInt8], meter: String, into events: inout [ControllerEvent]) -> [Event] {
        guard let index = core.meterIndex(meter) else { return [] }
        var switches: [Event] = []
        let fixedMode: TICMode? = switch core.rules.meters[index].mode {
        case .historic: .historic
        case .standard: .standard
        case .auto: nil
        }
        // Before the meter's mode is known, time the bytes at the mode they turn out to be in.
        let guessed = fixedMode ?? core.readings[index].state.mode ?? Replay.firstMode(in: bytes) ?? .historic
        bytes.withUnsafeBytes { raw in
            for offset in raw.indices {
                let mode = fixedMode ?? core.readings[index].state.mode ?? guessed
                now += .nanoseconds(mode.nanosecondsPerByte)
                syncClock()
                let before = events.count
                let statistics = core.receive(UnsafeRawBufferPointer(rebasing: raw[offset...offset]), from: index, at: now, into: &events)
                for event in events[before...] {
                    if case .switched(let change) = event.kind {
                        // Frames are counted once the byte is decoded, as the switch's frame.
                        switches.append(Event(frame: frames + statistics.frames - frameBase(index), time: now, change: change))
                    }
                }
                advanceFrames(index, statistics)
            }
        }
        return switches
    }

    /// Skips `duration` as if the meters had kept sending the same values (a simulated day jumping
    /// ahead): timers advance, no signal is lost. Evaluates once.
    public mutating func skip(by duration: Duration) -> [Event] {
        now += duration
        core.state.readings = core.state.readings.map {
            MeterReading(state: $0.state, lastValidGroup: $0.lastValidGroup.map { $0 + duration })
        }
        return tick()
    }

    /// Lets replay time pass without bytes (e.g. a silent line) and evaluates once.
    public mutating func advance(by duration: Duration) -> [Event] {
        now += duration
        return tick()
    }

    /// The local time now: the override, the meter clock when one was sent, else the start time plus
    /// replay time.
    public var localTime: LocalTime {
        if let clockOverride { return clockOverride }
        if let clock = core.readings.lazy.compactMap(\.state.clock).first { return LocalTime(clock) }
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

    // MARK: - Internals

    /// Frames already counted per meter (``frames`` sums every meter's).
    private var counted: [Int: Int] = [:]

    private func frameBase(_ meter: Int) -> Int { counted[meter] ?? 0 }

    private mutating func advanceFrames(_ meter: Int, _ statistics: DecoderStatistics) {
        frames += statistics.frames - frameBase(meter)
        counted[meter] = statistics.frames
    }

    private mutating func syncClock() {
        core.state.followsMeterClock = clockOverride == nil
        core.setLocalTime(clockOverride ?? start.advanced(by: now))
        // The meter's clock, when one was received, is the wall clock (a capture's days are its days).
        if let clock = core.readings.lazy.compactMap(\.state.clock).first, let wall = WallTime(clock) {
            if wall != lastMeterClock {
                lastMeterClock = wall
                core.setWallClock(wall, at: now)
            }
        } else if lastMeterClock == nil {
            core.setWallClock(wallStart, at: .zero)
        }
    }

    /// The last meter clock the wall clock was set from.
    private var lastMeterClock: WallTime?

    private mutating func tick() -> [Event] {
        scratch.removeAll(keepingCapacity: true)
        syncClock()
        var local = localTime
        if clockOverride == nil, let clock = core.readings.lazy.compactMap(\.state.clock).first { local = LocalTime(clock) }
        core.tick(at: now, local: local, into: &scratch)
        return scratch.compactMap {
            if case .switched(let change) = $0.kind { Event(frame: frames, time: now, change: change) } else { nil }
        }
    }
}
