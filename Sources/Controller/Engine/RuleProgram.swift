/// A ``RuleSet`` compiled for the engine, once per rule set (at the engine's start and at every
/// reload): meters, outputs and rules are dense indices in file order (`rules.meters[i]` is meter
/// `i`), each condition is a ``ConditionProgram``, each `for:` node has a slot numbered across the
/// whole rule set, and each output's dependencies on meters are computed here rather than at every
/// evaluation. The ``RuleSet`` keeps the names, for display and logs.
struct RuleProgram: Sendable {
    /// One rule: its condition, and the outputs it sets by index.
    struct CompiledRule: Sendable {
        var condition: ConditionProgram
        var actions: [(output: Int, state: OutputState)]
    }

    /// `shedding:` by index.
    struct SheddingPlan: Sendable {
        var plan: Shedding
        /// Nil when the rule set does not declare it (only a hand-built ``RuleSet``): nothing is shed.
        var meter: Int?
        /// Output indices, shed first to last (names the rule set does not declare are left out).
        var loads: [Int]
    }

    /// In file order.
    let rules: [CompiledRule]
    /// How many `for:` nodes all conditions have (slots `0..<sustainedSlots`).
    let sustainedSlots: Int
    /// Each `for:` slot's duration.
    let slotDurations: [Duration]
    /// For each output, the meters its state depends on, in file order: those its rules read and the
    /// shedding meter for a load; every meter for an output no rule and no shedding names (it has no
    /// other way to be safe).
    let dependencies: [[Int]]
    let shedding: SheddingPlan?

    init(_ ruleSet: RuleSet) {
        let meterIndex = Self.index(ruleSet.meters.map(\.name))
        let outputIndex = Self.index(ruleSet.outputs.map(\.name))
        var slots = 0
        rules = ruleSet.rules.map { rule in
            CompiledRule(
                condition: ConditionProgram(rule.condition, meters: meterIndex, outputs: outputIndex, slots: &slots),
                actions: rule.actions.compactMap { action in outputIndex[action.output].map { ($0, action.state) } })
        }
        sustainedSlots = slots
        var durations = [Duration](repeating: .zero, count: slots)
        for rule in rules {
            for case .sustained(let slot, let duration) in rule.condition.operations { durations[slot] = duration }
        }
        slotDurations = durations
        shedding = ruleSet.shedding.map { plan in
            SheddingPlan(plan: plan, meter: meterIndex[plan.meter], loads: plan.loads.compactMap { outputIndex[$0] })
        }

        var read = [Set<Int>](repeating: [], count: ruleSet.outputs.count)
        var named = [Bool](repeating: false, count: ruleSet.outputs.count)
        for rule in rules {
            for action in rule.actions {
                read[action.output].formUnion(rule.condition.meters)
                named[action.output] = named[action.output] || rule.condition.readsMeters
            }
        }
        if let plan = ruleSet.shedding {
            for load in shedding?.loads ?? [] {
                if let meter = meterIndex[plan.meter] { read[load].insert(meter) }
                named[load] = true
            }
        }
        let everyMeter = Array(ruleSet.meters.indices)
        dependencies = ruleSet.outputs.indices.map { output in
            named[output] ? read[output].sorted() : everyMeter
        }
    }

    /// Position of each name; the first wins should a hand-built rule set repeat one.
    private static func index(_ names: [String]) -> [String: Int] {
        Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
