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
public struct RuleEngine: Sendable {
    public private(set) var rules: RuleSet
    private var outputs: [String: OutputStatus]
    private let startedAt: Duration
    /// For each rule, the time each of its `for:` nodes (by path) started holding.
    private var sustainedSince: [Int: [[Int]: Duration]] = [:]
    var shedding = SheddingState()

    /// Outputs start in their declared `initial` state at `now` (the lines are requested with it).
    public init(rules: RuleSet, at now: Duration) {
        self.rules = rules
        startedAt = now
        outputs = Dictionary(uniqueKeysWithValues: rules.outputs.map {
            ($0.name, OutputStatus(name: $0.name, state: $0.initial, reason: .initial, since: nil))
        })
    }

    /// The state of every output now, in file order.
    public var statuses: [OutputStatus] { rules.outputs.compactMap { outputs[$0.name] } }

    /// Evaluates the rules against the meters at `now` and returns what to switch.
    /// `meters` holds a reading for each declared meter (a missing one has sent nothing yet).
    public mutating func evaluate(_ meters: [String: MeterReading], at now: Duration, local: LocalTime) -> Decision {
        let lost = rules.meters.map(\.name).filter { isLost(meters[$0], at: now) }
        var wanted = Dictionary(uniqueKeysWithValues: rules.outputs.map { ($0.name, ($0.initial, Reason.initial)) })
        let inputs = Condition.Inputs(
            meters: meters.mapValues(\.state), time: local, outputs: outputs.mapValues(\.state))
        for (index, rule) in rules.rules.enumerated() where holds(rule, index: index, inputs, at: now) {
            for action in rule.actions { wanted[action.output] = (action.state, .rule(rule.name)) }
        }
        if let plan = rules.shedding {
            let reading = meters[plan.meter]
            let frozen = lost.contains(plan.meter)
            shedding.step(plan, reading: reading?.state, frozen: frozen, wanted: wanted.mapValues(\.0), at: now)
            for load in shedding.shed {
                wanted[load] = (.off, .shedding(meter: plan.meter, cause: shedding.cause ?? .overpowerWarning))
            }
        }
        var changes: [OutputChange] = []
        for config in rules.outputs {
            guard var status = outputs[config.name], var (state, reason) = wanted[config.name] else { continue }
            let failsafeMeter = dependencies(of: config.name).first { lost.contains($0) }
            if let failsafeMeter {
                (state, reason) = (config.failsafe, .failsafe(.signalLost(meter: failsafeMeter)))
            }
            status.pending = nil
            if state != status.state, failsafeMeter == nil {
                let minimum = status.state == .on ? config.minOn : config.minOff
                if let since = status.since, now - since < minimum {
                    status.pending = .init(state: state, reason: reason, allowedAt: since + minimum)
                    outputs[config.name] = status
                    continue
                }
            }
            if state != status.state {
                changes.append(OutputChange(output: config.name, from: status.state, to: state, reason: reason))
                status.since = now
            }
            status.state = state
            status.reason = reason
            outputs[config.name] = status
        }
        return Decision(changes: changes, outputs: statuses, lostMeters: lost, shedLoads: shedding.shed)
    }

    /// linkyd is stopping: every output goes to its fail-safe state, whatever its minimum times.
    public mutating func stop(at now: Duration) -> Decision {
        var changes: [OutputChange] = []
        for config in rules.outputs {
            guard var status = outputs[config.name] else { continue }
            if status.state != config.failsafe {
                changes.append(OutputChange(output: config.name, from: status.state, to: config.failsafe, reason: .failsafe(.stopping)))
                status.since = now
            }
            status.state = config.failsafe
            status.reason = .failsafe(.stopping)
            status.pending = nil
            outputs[config.name] = status
        }
        return Decision(changes: changes, outputs: statuses, lostMeters: [], shedLoads: shedding.shed)
    }

    /// Replaces the rules (a reload that compiled). Outputs of the same name keep their state, reason
    /// and switch time, so minimum times still hold across a reload; `for:` timers start over.
    public mutating func reload(_ newRules: RuleSet, at now: Duration) {
        var next = RuleEngine(rules: newRules, at: now)
        for config in newRules.outputs {
            if let old = outputs[config.name] { next.outputs[config.name] = old }
        }
        next.shedding = shedding
        next.shedding.shed.removeAll { newRules.shedding?.loads.contains($0) != true }
        self = next
    }

    /// No valid group for longer than the timeout (counting from the engine's start before the first).
    func isLost(_ reading: MeterReading?, at now: Duration) -> Bool {
        now - (reading?.lastValidGroup ?? startedAt) > rules.signalLossTimeout
    }

    /// The meters an output's state depends on: those its rules read, and the shedding meter for a
    /// load. An output no rule names depends on every meter (it has no other way to be safe).
    func dependencies(of output: String) -> [String] {
        var names: Set<String> = []
        for rule in rules.rules where rule.actions.contains(where: { $0.output == output }) {
            names.formUnion(rule.condition.meterNames)
        }
        if let plan = rules.shedding, plan.loads.contains(output) { names.insert(plan.meter) }
        if names.isEmpty { return rules.meters.map(\.name) }
        return rules.meters.map(\.name).filter(names.contains)
    }

    private mutating func holds(_ rule: Rule, index: Int, _ inputs: Condition.Inputs, at now: Duration) -> Bool {
        var memory = sustainedSince[index] ?? [:]
        let result = rule.condition.holds(in: inputs) { path, inner, duration in
            guard inner else {
                memory[path] = nil
                return false
            }
            let since = memory[path] ?? now
            memory[path] = since
            return now - since >= duration
        }
        sustainedSince[index] = memory.isEmpty ? nil : memory
        return result
    }
}
