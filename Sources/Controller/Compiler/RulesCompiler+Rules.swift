import Yams

extension RulesCompiler {
    static let ruleKeys = ["name", "when", "then"]

    /// `rules: [ { name, when: CONDITION, then: { OUTPUT: on|off, … } } ]`, in file order.
    mutating func compileRules(_ node: Node) -> [Rule] {
        guard let sequence = node.sequence else {
            error(at: node, "expected a list of rules, found \(Self.describe(node))",
                  hint: "start each rule with '- name: …' under 'rules:'")
            return []
        }
        var rules: [Rule] = []
        var names: [String: SourceLocation] = [:]
        for (index, item) in sequence.enumerated() {
            guard let rule = compileRule(item, number: index + 1) else { continue }
            if let previous = names[rule.name] {
                warning(at: rule.location, "another rule is named '\(rule.name)' (line \(previous.line))",
                        hint: "give each rule its own name: logs and the status show it as the reason of a switch")
            } else {
                names[rule.name] = rule.location
            }
            rules.append(rule)
        }
        return rules
    }

    private mutating func compileRule(_ node: Node, number: Int) -> Rule? {
        let context = "rule \(number)"
        guard let fields = fields(of: node, in: context, allowed: Self.ruleKeys) else { return nil }
        let name = fields["name"].flatMap { text($0.value, expected: "a rule name") } ?? context
        var condition: CompiledCondition?
        if let when = fields["when"] {
            condition = compileCondition(when.value, scope: .unspecified)
            if let condition { checkSatisfiable(condition) }
        } else {
            error(at: node, "\(context) has no 'when'", hint: "add when: { … }, the condition under which the rule holds")
        }
        var actions: [Rule.Action]?
        if let then = fields["then"] {
            actions = compileActions(then.value)
        } else {
            error(at: node, "\(context) has no 'then'", hint: "add then: { OUTPUT: on|off }, what to do while the rule holds")
        }
        guard let condition, let actions else { return nil }
        return Rule(name: name, condition: condition.condition, actions: actions, location: Self.location(of: node))
    }

    /// `then: { water-heater: off, ejp-led: on }`.
    private mutating func compileActions(_ node: Node) -> [Rule.Action]? {
        guard let entries = entries(of: node, expected: "a mapping of output names to on or off",
                                    hint: "write then: { water-heater: off }") else { return nil }
        if entries.isEmpty {
            error(at: node, "'then' sets no output", hint: "write then: { water-heater: off }")
            return nil
        }
        return checkedOutputStates(entries)?.map {
            Rule.Action(output: $0.entry.key, state: $0.state, location: Self.location(of: $0.entry.keyNode))
        }
    }

    /// `output: on|off` entries (a rule's `then:`, an `output:` condition): each name checked, each
    /// state parsed, every problem reported; nil if any entry is wrong.
    mutating func checkedOutputStates(_ entries: [Entry]) -> [(entry: Entry, state: OutputState)]? {
        var states: [(entry: Entry, state: OutputState)] = []
        var failed = false
        for entry in entries {
            let known = checkOutputName(entry)
            let state = value(entry.value, expected: "on or off", ValueSyntax.state)
            guard known, let state else {
                failed = true
                continue
            }
            states.append((entry, state))
        }
        return failed ? nil : states
    }
}
