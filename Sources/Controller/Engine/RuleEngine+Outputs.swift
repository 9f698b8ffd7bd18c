extension RuleEngine {
    /// Why an output is (or would be) in a state, by index: cheap to compare, turned into a
    /// ``Reason`` (with names) only when an output's status changes.
    enum Cause: Sendable, Hashable {
        case initial
        /// Rule `index` of the rule set.
        case rule(Int)
        case shedding(Reason.SheddingCause)
        /// Meter `index`'s signal is lost.
        case signalLost(meter: Int)
        case stopping
        /// Kept across a reload: the status's reason came from the old rules, and equals no cause of
        /// the new ones (so the first evaluation rewrites it).
        case carried
    }

    /// What the rules and shedding want for one output.
    struct Wanted: Sendable, Hashable {
        var state: OutputState
        var cause: Cause
    }

    /// The cause of an output's status, and of its pending switch.
    struct Held: Sendable, Hashable {
        var cause: Cause
        var pending: Pending?

        struct Pending: Sendable, Hashable {
            var state: OutputState
            var cause: Cause
            var allowedAt: Duration
        }
    }

    /// The reason a cause stands for, with its names.
    func reason(_ cause: Cause) -> Reason {
        switch cause {
        case .initial, .carried: .initial
        case .rule(let index): .rule(rules.rules[index].name)
        case .shedding(let shedding): .shedding(meter: rules.shedding?.meter ?? "", cause: shedding)
        case .signalLost(let meter): .failsafe(.signalLost(meter: rules.meters[meter].name))
        case .stopping: .failsafe(.stopping)
        }
    }

    /// Moves each output towards what is wanted: fail-safe when a meter it depends on is lost (at
    /// once), else the wanted state unless a minimum on/off time delays it (then pending). Statuses
    /// are written only where something changed. Returns the switches, in file order.
    mutating func settleOutputs(at now: Duration) -> [OutputChange] {
        var changes: [OutputChange] = []
        // By index, reading the config's fields in place (an `enumerated()` copy of each OutputConfig
        // retained and released its strings at every evaluation).
        for index in rules.outputs.indices {
            var target = wanted[index]
            var failsafe = false
            for meter in program.dependencies[index] where lost[meter] {
                target = Wanted(state: rules.outputs[index].failsafe, cause: .signalLost(meter: meter))
                failsafe = true
                break
            }
            let state = states[index]
            if target.state != state, !failsafe, let since = statuses[index].since {
                let minimum = state == .on ? rules.outputs[index].minOn : rules.outputs[index].minOff
                if now - since < minimum {
                    let pending = Held.Pending(state: target.state, cause: target.cause, allowedAt: since + minimum)
                    if held[index].pending != pending {
                        held[index].pending = pending
                        statuses[index].pending = .init(state: pending.state, reason: reason(pending.cause), allowedAt: pending.allowedAt)
                    }
                    continue
                }
            }
            if target.state != state {
                changes.append(OutputChange(output: rules.outputs[index].name, from: state, to: target.state, reason: reason(target.cause)))
                statuses[index].state = target.state
                statuses[index].since = now
                states[index] = target.state
            }
            set(index, cause: target.cause)
        }
        return changes
    }

    /// Records an output's cause with no pending switch, rewriting its status only if that differs.
    private mutating func set(_ index: Int, cause: Cause) {
        if held[index].cause != cause {
            held[index].cause = cause
            statuses[index].reason = reason(cause)
        }
        if held[index].pending != nil {
            held[index].pending = nil
            statuses[index].pending = nil
        }
    }

    /// linkyd is stopping: every output goes to its fail-safe state, whatever its minimum times.
    public mutating func stop(at now: Duration) -> Decision {
        var changes: [OutputChange] = []
        for (index, config) in rules.outputs.enumerated() {
            if states[index] != config.failsafe {
                changes.append(OutputChange(output: config.name, from: states[index], to: config.failsafe, reason: .failsafe(.stopping)))
                statuses[index].state = config.failsafe
                statuses[index].since = now
                states[index] = config.failsafe
            }
            set(index, cause: .stopping)
        }
        return Decision(changes: changes, outputs: statuses, lostMeters: [], shedLoads: shedLoads)
    }

    /// Replaces the rules (a reload that compiled). Outputs of the same name keep their state, reason
    /// and switch time (wherever they now are in the file), so minimum times still hold across a
    /// reload; `for:` timers start over; shed loads stay shed while they are still loads.
    public mutating func reload(_ newRules: RuleSet, at now: Duration) {
        var next = RuleEngine(rules: newRules, at: now)
        var oldIndex: [String: Int] = [:]
        for (index, status) in statuses.enumerated() where oldIndex[status.name] == nil { oldIndex[status.name] = index }
        var newIndex: [Int: Int] = [:]
        for (index, config) in newRules.outputs.enumerated() {
            guard let old = oldIndex[config.name] else { continue }
            newIndex[old] = index
            next.statuses[index] = statuses[old]
            next.states[index] = states[old]
            next.held[index] = Held(cause: .carried, pending: held[old].pending.map {
                Held.Pending(state: $0.state, cause: .carried, allowedAt: $0.allowedAt)
            })
        }
        let loads = Set(next.program.shedding?.loads ?? [])
        next.shedding = shedding.renumbered { old in newIndex[old].flatMap { loads.contains($0) ? $0 : nil } }
        next.shedLoads = next.shedding.shed.map { newRules.outputs[$0].name }
        self = next
    }

    /// The names of the meters an output depends on (see ``RuleProgram/dependencies``).
    func dependencies(of output: String) -> [String] {
        guard let index = rules.outputs.firstIndex(where: { $0.name == output }) else { return [] }
        return program.dependencies[index].map { rules.meters[$0].name }
    }
}
