import TIC

/// The pure controller: meters and time in, output states with their reasons out. No clock, no I/O.
///
/// Semantics (README, "Rules"): each output starts at `initial`; a rule that holds sets its outputs;
/// when several hold, the later one in the file wins; when none holds, the output returns to `initial`;
/// shedding overrides rules; fail-safe overrides everything. Minimum on/off times are never violated
/// except to reach the fail-safe state.
///
/// Time is a `Duration` since any origin the caller chooses (monotonic), passed in with every call;
/// wall-clock conditions (`time:`, `days:`) read the ``LocalTime`` passed alongside.
///
/// The rules are compiled once (``RuleProgram``, at init and reload): meters, outputs and rules are
/// indices, so an evaluation allocates nothing when nothing changes. The engine keeps every output's
/// status, the lost meters and the shed loads itself, rewrites them only when they change, and hands
/// the same arrays out in each ``Decision``.
public struct RuleEngine: Sendable {
    public private(set) var rules: RuleSet
    let program: RuleProgram
    /// The state of every output now, in file order (`statuses[i]` is `rules.outputs[i]`).
    public internal(set) var statuses: [OutputStatus]
    /// Why each output is in its state (and what its pending switch is), by index: compared at every
    /// evaluation, turned into the status's ``Reason`` only when it changes.
    var held: [Held]
    /// `states[i]` is `statuses[i].state`: what `output:` conditions read.
    var states: [OutputState]
    /// What the rules (then shedding) want for each output, rebuilt in place by every evaluation.
    var wanted: [Wanted]
    /// For each `for:` slot, when its condition started holding.
    var sustainedSince: [Duration?]
    /// `lost[i]`: meter `i`'s signal counts as lost.
    var lost: [Bool]
    /// The names of the lost meters, rebuilt when ``lost`` changes.
    var lostMeters: [String] = []
    var shedding = SheddingState()
    /// The names of the shed loads, rebuilt when ``shedding`` changes.
    var shedLoads: [String] = []
    let startedAt: Duration
    /// The readings of the dictionary-based ``evaluate(_:at:local:)-(String:MeterReading)``, by index.
    private var meterBuffer: [MeterReading]
    private var meterMissing: [Bool]

    /// Outputs start in their declared `initial` state at `now` (the lines are requested with it).
    public init(rules: RuleSet, at now: Duration) {
        self.rules = rules
        program = RuleProgram(rules)
        startedAt = now
        statuses = rules.outputs.map { OutputStatus(name: $0.name, state: $0.initial, reason: .initial, since: nil) }
        held = rules.outputs.map { _ in Held(cause: .initial, pending: nil) }
        states = rules.outputs.map(\.initial)
        wanted = rules.outputs.map { Wanted(state: $0.initial, cause: .initial) }
        sustainedSince = Array(repeating: nil, count: program.sustainedSlots)
        lost = Array(repeating: false, count: rules.meters.count)
        meterBuffer = []
        meterMissing = Array(repeating: true, count: rules.meters.count)
    }

    /// Evaluates the rules against the meters at `now` and returns what to switch. `meters[i]` is the
    /// reading of `rules.meters[i]` (a meter that has sent nothing has a reading with no valid group;
    /// a shorter array counts the meters past its end as absent: their tests are false).
    ///
    /// Allocates nothing when nothing changes: the decision's `changes` is then empty, and its other
    /// arrays are the engine's own.
    public mutating func evaluate(_ meters: [MeterReading], at now: Duration, local: LocalTime) -> Decision {
        evaluate(meters, missing: [], at: now, local: local)
    }

    /// Evaluates with readings by meter name (a convenience over ``evaluate(_:at:local:)-([MeterReading])``):
    /// a declared meter missing from `meters` has sent nothing yet, and its tests are false.
    public mutating func evaluate(_ meters: [String: MeterReading], at now: Duration, local: LocalTime) -> Decision {
        if meterBuffer.isEmpty { meterBuffer = Array(repeating: MeterReading(), count: rules.meters.count) }
        for (index, meter) in rules.meters.enumerated() {
            if let reading = meters[meter.name] {
                meterBuffer[index] = reading
                meterMissing[index] = false
            } else {
                meterMissing[index] = true
            }
        }
        let readings = meterBuffer, missing = meterMissing
        return evaluate(readings, missing: missing, at: now, local: local)
    }

    private mutating func evaluate(_ meters: [MeterReading], missing: [Bool], at now: Duration, local: LocalTime) -> Decision {
        // Scoped: `inputs` shares `states`, which settling the outputs then changes in place. The
        // readings are read through a buffer pointer: a meter test borrows a state in place (an
        // array subscript would copy the whole reading for each test).
        meters.withUnsafeBufferPointer { readings in
            let inputs = ConditionProgram.Inputs(meters: readings, missing: missing, time: local, outputs: states, now: now)
            updateLost(inputs, at: now)
            applyRules(inputs)
            applyShedding(inputs, at: now)
        }
        return Decision(changes: settleOutputs(at: now), outputs: statuses, lostMeters: lostMeters, shedLoads: shedLoads)
    }

    /// No valid group for longer than the timeout (counting from the engine's start before the first).
    private mutating func updateLost(_ inputs: borrowing ConditionProgram.Inputs, at now: Duration) {
        var changed = false
        for meter in lost.indices {
            let last = inputs.hasMeter(meter) ? inputs.meters[meter].lastValidGroup : nil
            let isLost = now - (last ?? startedAt) > rules.signalLossTimeout
            if lost[meter] != isLost {
                lost[meter] = isLost
                changed = true
            }
        }
        if changed { lostMeters = rules.meters.indices.filter { lost[$0] }.map { rules.meters[$0].name } }
    }

    /// Each output's `initial`, then every rule that holds in file order (a later one wins).
    private mutating func applyRules(_ inputs: borrowing ConditionProgram.Inputs) {
        // By index: an `enumerated()` copy of each config and rule program retained and released
        // their strings and arrays at every evaluation.
        for index in rules.outputs.indices { wanted[index] = Wanted(state: rules.outputs[index].initial, cause: .initial) }
        for index in program.rules.indices where program.rules[index].condition.holds(inputs, sustained: &sustainedSince) {
            for action in program.rules[index].actions { wanted[action.output] = Wanted(state: action.state, cause: .rule(index)) }
        }
    }

    /// Shedding steps on its meter's fresh state (frozen while the signal is lost), then overrides
    /// the rules for every shed load.
    private mutating func applyShedding(_ inputs: borrowing ConditionProgram.Inputs, at now: Duration) {
        guard let plan = program.shedding else { return }
        if let meter = plan.meter, inputs.hasMeter(meter), !lost[meter],
           shedding.step(plan.plan, loads: plan.loads, state: inputs.meters[meter].state,
                         wanted: wanted, at: now) {
            shedLoads = shedding.shed.map { rules.outputs[$0].name }
        }
        let cause = shedding.cause ?? .overpowerWarning
        for load in shedding.shed { wanted[load] = Wanted(state: .off, cause: .shedding(cause)) }
    }
}
