import TIC

/// Everything of ``ControllerCore`` but the decoders: what each verified group, frame end and tick
/// updates.
struct CoreState: Sendable {
    var engine: RuleEngine
    /// `engine.rules`, shared with the statuses: replaced with them (init, reload).
    var sharedRules: SharedRules
    var readings: [MeterReading]
    var labelTimes: [LabelTimes]
    var labelDigests: [LabelDigests]
    var links: [LinkState]
    var lost: [Bool]
    var failingLines: [String: String] = [:]
    var local: LocalTime
    /// Replays: the wall clock is the first meter clock (`DATE`) received, when there is one.
    var followsMeterClock = false
    /// When the engine must be evaluated again even if no input changes (``RuleEngine/nextDeadline``);
    /// `.zero` forces the next evaluation.
    var deadline: Duration? = .zero
    /// The local time of the last evaluation (a change of minute may change `time:`/`days:` conditions).
    var evaluatedLocal: LocalTime?
    /// ``needsEvaluation(_:at:)``, worked out at the start of each ``ControllerCore/receive(_:from:at:into:)``
    /// and after each evaluation: nothing else changes it during a call (one time, one local time),
    /// and a group that changes nothing then costs no time comparison. (Not for a replay that
    /// follows the meter's clock, which a group may move.)
    var evaluationDue = true
    /// A frame ended (completely or not) during the current call: the decoder statistics are then
    /// worth an event.
    var frameBoundaryInCall = false
    /// Tests: evaluate after every group, as if nothing could be skipped.
    var alwaysEvaluate = false
    /// Switches decided since the I/O edge last took them (``ControllerCore/takeSwitches()``): what
    /// it drives, without scanning the events.
    var switches: [OutputChange] = []
    /// Whether an event other than a group-level reading change was appended since the edge last
    /// looked (the status then needs publishing).
    var notable = false
    /// Whether a live value (power, current, voltage) changed since the edge last looked: a status is
    /// then worth publishing to those who show live values.
    var liveChanged = false
    var lastReload: ReloadResult?
    var stopped = false
    var decision: Decision
    var now: Duration
    /// Wall clock at controller time zero (set by ``ControllerCore/setWallClock(_:at:)``).
    var wallOrigin = WallTime(millisecondsSince1970: 0) {
        didSet { wallCache = nil }
    }
    /// The last ``wallTime(at:)``: every event of one call has the same time, and `Duration` to
    /// milliseconds is 128-bit arithmetic (~80 instructions), once per call instead of once per event.
    private var wallCache: (at: Duration, wall: WallTime)?

    /// The wall clock at controller time `now`.
    func wallTimeUncached(at now: Duration) -> WallTime { wallOrigin.advanced(by: now) }

    /// The wall clock at controller time `now` (remembered for the next events at the same time).
    mutating func wallTime(at now: Duration) -> WallTime {
        if let wallCache, wallCache.at == now { return wallCache.wall }
        let wall = wallOrigin.advanced(by: now)
        wallCache = (now, wall)
        return wall
    }

    init(rules: RuleSet, at now: Duration, local: LocalTime) {
        engine = RuleEngine(rules: rules, at: now)
        sharedRules = SharedRules(rules)
        readings = Array(repeating: MeterReading(), count: rules.meters.count)
        labelTimes = Array(repeating: LabelTimes(), count: rules.meters.count)
        labelDigests = Array(repeating: LabelDigests(), count: rules.meters.count)
        links = Array(repeating: LinkState(), count: rules.meters.count)
        lost = Array(repeating: false, count: rules.meters.count)
        self.local = local
        self.now = now
        decision = Decision(changes: [], outputs: engine.statuses, lostMeters: [], shedLoads: [])
    }

    /// The status, with each meter's decoder statistics as `statistics` gives them (the decoders
    /// are the core's: read when a status is built, not copied at every read).
    func status(statistics: (Int) -> DecoderStatistics) -> ControllerStatus {
        let meters = engine.rules.meters.indices.map { index in
            MeterStatus(
                name: engine.rules.meters[index].name, state: readings[index].state,
                lastValidGroup: readings[index].lastValidGroup, received: labelTimes[index],
                statistics: statistics(index), link: links[index], signalLost: lost[index])
        }
        return ControllerStatus(
            at: now, time: wallTimeUncached(at: now), sharedRules: sharedRules, meters: meters, outputs: decision.outputs, shedLoads: decision.shedLoads,
            failingLines: failingLines, lastReload: lastReload, stopped: stopped)
    }

    mutating func evaluate(at now: Duration, into events: inout [ControllerEvent]) {
        var local = self.local
        if followsMeterClock, let clock = readings.lazy.compactMap(\.state.clock).first { local = LocalTime(clock) }
        let decision = engine.evaluate(readings, at: now, local: local)
        self.decision = decision
        evaluatedLocal = local
        // A switch changes what `output:` conditions and shedding read: evaluate again next time.
        deadline = decision.changes.isEmpty ? engine.nextDeadline(after: now, readings: readings) : now
        evaluationDue = deadline.map { now >= $0 } ?? false
        // Signal loss and return, in the rules file's order.
        if !decision.lostMeters.isEmpty || lost.contains(true) {
            for (index, meter) in engine.rules.meters.enumerated() {
                let isLost = decision.lostMeters.contains(meter.name)
                guard isLost != lost[index] else { continue }
                lost[index] = isLost
                events.append(ControllerEvent(at: now, time: wallTime(at: now), isLost ? .meterLost(meter: meter.name) : .meterBack(meter: meter.name)))
                notable = true
            }
        }
        if !decision.changes.isEmpty {
            for change in decision.changes { events.append(ControllerEvent(at: now, time: wallTime(at: now), .switched(change))) }
            switches.append(contentsOf: decision.changes)
            notable = true
        }
    }

    /// A verified group from meter `meter` at `now`: applied, recorded, evaluated.
    mutating func accept(_ group: GroupView, meter: Int, at now: Duration, into events: inout [ControllerEvent]) {
        // The state starts afresh only on a group of another mode or an address group
        // (MeterState.accept): only then is the identity worth comparing.
        let mayReset = group.known == .adco || group.known == .adsc || readings[meter].state.mode != group.mode
        let before = mayReset ? MeterIdentity(mode: readings[meter].state.mode, address: readings[meter].state.address) : nil
        readings[meter].state.accept(group)
        readings[meter].lastValidGroup = now
        var reset = false
        if let before {
            let after = MeterIdentity(mode: readings[meter].state.mode, address: readings[meter].state.address)
            reset = before.mode != nil
                && (after.mode != before.mode || before.address != nil && after.address != before.address)
            if reset { resetSeries(meter, from: before, to: after, at: now, into: &events) }
        }
        var changed = true
        if let known = group.known {
            changed = labelDigests[meter].record(known, digest: group.digest, at: now, in: &labelTimes[meter]) || reset
        }
        if changed {
            events.append(ControllerEvent(at: now, time: wallTime(at: now), .valueChanged(
                meter: engine.rules.meters[meter].name, label: group.known)))
            // A live value (power, current, voltage) is worth a new status at once to whoever shows it
            // (the web page within milliseconds of its CR, not at a frame's end up to 2 s later).
            if let known = group.known, known.isLive { liveChanged = true }
        }
        // Evaluate when something the rules read may have changed: a value, the meter's signal coming
        // back, the local time, or a deadline reached (`for:`, minimum times, shedding, signal loss).
        if changed || lost[meter] || alwaysEvaluate || Self.isEvaluationDue(&self, at: now) {
            evaluate(at: now, into: &events)
        }
    }

    /// A group byte for byte the same as the last one of its label (``TICSink/acceptRepeat(_:)``):
    /// when the meter's state applied that one (received since the state started) nothing changed,
    /// only the label's time; otherwise, or for a warning a frame end may have cleared since, it is
    /// applied as any group.
    mutating func acceptRepeat(_ group: GroupView, meter: Int, at now: Duration, into events: inout [ControllerEvent]) {
        guard let known = group.known, labelTimes[meter].wasReceived(Int(known.rawValue)),
              readings[meter].state.noteRepeat(known) else {
            accept(group, meter: meter, at: now, into: &events)
            return
        }
        readings[meter].lastValidGroup = now
        labelTimes[meter].set(Int(known.rawValue), now)
        if lost[meter] || alwaysEvaluate || Self.isEvaluationDue(&self, at: now) {
            evaluate(at: now, into: &events)
        }
    }

    /// MeterState started afresh (another meter, or historic ↔ standard): a new series.
    private mutating func resetSeries(_ meter: Int, from before: MeterIdentity, to after: MeterIdentity, at now: Duration,
                                      into events: inout [ControllerEvent]) {
        labelTimes[meter] = LabelTimes()
        labelDigests[meter] = LabelDigests()
        events.append(ControllerEvent(at: now, time: wallTime(at: now), .meterReset(meter: engine.rules.meters[meter].name, from: before, to: after)))
        notable = true
    }

    /// Whether an evaluation could decide something new with the inputs unchanged. (Static on an
    /// `inout` state: a method call on `self` from within the decoder's callback copied the whole
    /// state, ~1 KB, at every group.)
    /// During a call: ``evaluationDue``, or for a replay that follows the meter's clock (which a
    /// group may move) ``needsEvaluation(_:at:)`` itself.
    @inline(__always)
    static func isEvaluationDue(_ state: inout CoreState, at now: Duration) -> Bool {
        state.followsMeterClock ? needsEvaluation(&state, at: now) : state.evaluationDue
    }

    static func needsEvaluation(_ state: inout CoreState, at now: Duration) -> Bool {
        if let deadline = state.deadline, now >= deadline { return true }
        guard state.followsMeterClock else { return state.local != state.evaluatedLocal }
        var local = state.local
        if let clock = state.readings.lazy.compactMap(\.state.clock).first { local = LocalTime(clock) }
        return local != state.evaluatedLocal
    }

    mutating func frameEnded(_ end: FrameEnd, meter: Int, at now: Duration, into events: inout [ControllerEvent]) {
        let cleared = readings[meter].state.frameEnded(end)
        notable = true
        frameBoundaryInCall = true
        events.append(ControllerEvent(at: now, time: wallTime(at: now), .meterChanged(
            meter: engine.rules.meters[meter].name, state: readings[meter].state, frameEnd: end)))
        // A frame end changes what rules read only when it clears a warning (ADPS, ADIR, PEJP).
        if cleared || alwaysEvaluate || Self.isEvaluationDue(&self, at: now) {
            evaluate(at: now, into: &events)
        }
    }
}

extension MeterState {
    /// Mode and address: when they change, the state starts afresh.
    var identity: MeterIdentity { MeterIdentity(mode: mode, address: address) }
}

extension KnownLabel {
    /// The values a live display follows: powers, currents, voltages (tic-protocol.md §3, §4).
    var isLive: Bool {
        switch self {
        case .papp, .iinst, .iinst1, .iinst2, .iinst3, .sinsts, .sinsts1, .sinsts2, .sinsts3, .sinsti,
             .irms1, .irms2, .irms3, .urms1, .urms2, .urms3: true
        default: false
        }
    }
}
