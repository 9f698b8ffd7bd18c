import HAL
import TIC

/// The controller, pure: meters' bytes, ticks, reloads and line reports in; ``ControllerEvent``s and a
/// ``ControllerStatus`` out. No I/O, no clock reads: every call says what time it is (`at:`, the
/// monotonic controller time; `local:`, the wall clock for `time:`/`days:` conditions).
///
/// One per daemon, the same in `linkyd run`, `simulate` and `demo`. Per meter it owns the
/// ``FrameDecoder`` and the ``MeterState``: each verified group is applied the moment its CR arrives
/// and the rules are evaluated right then, so a decision never waits for the end of a frame
/// (tic-protocol.md §1: a standard frame takes up to 2 s on the wire). Output switches come out as
/// ``ControllerEvent/Kind/switched(_:)`` events; driving the lines is the caller's (I/O edge), which
/// reports failures back with ``lineFailed(_:error:at:into:)``.
///
/// Events are appended to a caller-owned array (reuse it: `removeAll(keepingCapacity: true)`), so
/// the steady path allocates nothing.
public struct ControllerCore: Sendable {
    /// `decoders[i]` decodes `rules.meters[i]`'s stream.
    private var decoders: [FrameDecoder]
    var state: CoreState

    /// Outputs start in their declared `initial` state at `now` (the lines are requested with it).
    public init(rules: RuleSet, at now: Duration, local: LocalTime) {
        decoders = (0..<rules.meters.count).map { _ in FrameDecoder() }
        state = CoreState(rules: rules, at: now, local: local)
    }

    public var rules: RuleSet { state.engine.rules }
    public var engine: RuleEngine { state.engine }
    /// `readings[i]` belongs to `rules.meters[i]`.
    public var readings: [MeterReading] { state.readings }
    /// The last evaluation's decision.
    public var decision: Decision { state.decision }
    /// Controller time of the last call.
    public var now: Duration { state.now }
    public var isStopped: Bool { state.stopped }

    /// The index of a declared meter, for ``receive(_:from:at:into:)``.
    public func meterIndex(_ name: String) -> Int? { rules.meters.firstIndex { $0.name == name } }

    /// Decodes bytes from meter `meter` (an index into `rules.meters`), all received at `now`;
    /// evaluates after every verified group and at every frame end. Returns the meter's decoder
    /// statistics: the serial reader's auto-detection reads them (no second decoder).
    @discardableResult
    public mutating func receive(
        _ bytes: UnsafeRawBufferPointer, from meter: Int, at now: Duration, into events: inout [ControllerEvent]
    ) -> DecoderStatistics {
        guard decoders.indices.contains(meter) else { return DecoderStatistics() }
        guard !state.stopped else { return decoders[meter].statistics }
        state.now = now
        state.evaluationDue = CoreState.needsEvaluation(&state, at: now)
        state.frameBoundaryInCall = false
        Self.decode(bytes, with: &decoders[meter], into: &state, meter: meter, at: now, events: &events)
        if state.frameBoundaryInCall {
            events.append(ControllerEvent(at: now, time: state.wallTime(at: now),
                                          .statistics(meter: rules.meters[meter].name, decoders[meter].statistics)))
        }
        return decoders[meter].statistics
    }

    /// Convenience for arrays.
    @discardableResult
    public mutating func receive(
        _ bytes: [UInt8], from meter: Int, at now: Duration, into events: inout [ControllerEvent]
    ) -> DecoderStatistics {
        bytes.withUnsafeBytes { receive($0, from: meter, at: now, into: &events) }
    }

    /// The decoder and the rest of the core are disjoint: each group is handled on the core's state
    /// while the decoder is still in `push` (nothing copied, nothing allocated).
    private static func decode(
        _ bytes: UnsafeRawBufferPointer, with decoder: inout FrameDecoder, into state: inout CoreState,
        meter: Int, at now: Duration, events: inout [ControllerEvent]
    ) {
        withUnsafeMutablePointer(to: &state) { state in
            withUnsafeMutablePointer(to: &events) { events in
                var router = GroupRouter(state: state, events: events, meter: meter, now: now)
                decoder.push(bytes, into: &router)
            }
        }
    }

    /// Evaluates on the clock (signal loss, `for:`, minimum times, shedding delays, time windows):
    /// call it about once a second.
    public mutating func tick(at now: Duration, local: LocalTime, into events: inout [ControllerEvent]) {
        guard !state.stopped else { return }
        state.now = now
        state.local = local
        state.evaluate(at: now, into: &events)
    }

    /// Sets the wall clock used by the next evaluations without evaluating (a replay that follows
    /// the meter's own clock, the demo's simulated clock).
    public mutating func setLocalTime(_ local: LocalTime) { state.local = local }

    /// Tells the core the wall clock (UTC) at controller time `now`; events and statuses carry it from
    /// then on. The daemon sets it at every tick (so NTP steps are followed within a second), a replay
    /// from the meter's clock or its start time.
    public mutating func setWallClock(_ time: WallTime, at now: Duration) {
        state.wallOrigin = time.advanced(by: .zero - now)
    }

    /// The wall clock at the core's `now`.
    public var wallTime: WallTime { state.wallTimeUncached(at: state.now) }

    /// What happened to a meter's serial line.
    public mutating func link(_ event: LinkEvent, meter: Int, at now: Duration, into events: inout [ControllerEvent]) {
        guard state.links.indices.contains(meter) else { return }
        state.links[meter].update(with: event, at: now)
        events.append(ControllerEvent(at: now, time: state.wallTime(at: now), .link(meter: rules.meters[meter].name, event)))
    }

    /// The I/O edge could not drive an output's line: kept in the status, reported once.
    public mutating func lineFailed(_ output: String, error: HardwareError, at now: Duration, into events: inout [ControllerEvent]) {
        if state.failingLines.updateValue(error.description, forKey: output) == nil {
            events.append(ControllerEvent(at: now, time: state.wallTime(at: now), .lineFailed(output: output, error: error)))
        }
    }

    /// A line that had failed was driven successfully.
    public mutating func lineWorks(_ output: String, at now: Duration, into events: inout [ControllerEvent]) {
        if state.failingLines.removeValue(forKey: output) != nil {
            events.append(ControllerEvent(at: now, time: state.wallTime(at: now), .lineRecovered(output: output)))
        }
    }

    /// Whether some line's last drive failed (the I/O edge drives those again after each evaluation).
    public var hasFailingLines: Bool { !state.failingLines.isEmpty }
    public func lineIsFailing(_ output: String) -> Bool { state.failingLines[output] != nil }

    /// linkyd is stopping: every output to its fail-safe state, whatever its minimum times. Nothing
    /// is evaluated afterwards; bytes are ignored.
    public mutating func stop(at now: Duration, into events: inout [ControllerEvent]) {
        guard !state.stopped else { return }
        state.now = now
        let decision = state.engine.stop(at: now)
        state.decision = decision
        for change in decision.changes { events.append(ControllerEvent(at: now, time: state.wallTime(at: now), .switched(change))) }
        state.switches.append(contentsOf: decision.changes)
        state.notable = true
        state.stopped = true
        events.append(ControllerEvent(at: now, time: state.wallTime(at: now), .stopped))
    }

    /// What the I/O edge has to do after a call: the switches to drive (in order), whether anything
    /// beyond a group-level reading change happened (the status is then worth publishing), whether a
    /// live value changed (worth a status to those who show live values), whether some line's last
    /// drive failed (retry it). Nil, cheaply, when there is nothing to do — the usual case: most
    /// groups repeat a value. Reading it does not scan the events.
    public mutating func takeEdgeWork() -> EdgeWork? {
        guard !state.switches.isEmpty || state.notable || state.liveChanged || !state.failingLines.isEmpty else { return nil }
        let work = EdgeWork(switches: state.switches, notable: state.notable, live: state.liveChanged,
                            retryLines: !state.failingLines.isEmpty)
        if !state.switches.isEmpty { state.switches = [] }
        state.notable = false
        state.liveChanged = false
        return work
    }

    public struct EdgeWork: Sendable {
        public var switches: [OutputChange]
        public var notable: Bool
        public var live: Bool
        public var retryLines: Bool
    }

    /// Everything known now.
    public var status: ControllerStatus { state.status { decoders[$0].statistics } }

    /// The decoder statistics of a meter.
    public func statistics(of meter: Int) -> DecoderStatistics { decoders[meter].statistics }
}
