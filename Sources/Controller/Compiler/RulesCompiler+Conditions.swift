import Yams

/// Which meter the meter tests of a condition mapping read.
enum MeterScope {
    /// No `meter:` above: the only meter, or an error when there are several.
    case unspecified
    case named(String)
    /// `meter:` names an unknown meter (already reported): say nothing more below it.
    case invalid
}

extension RulesCompiler {
    static let combinatorKeys = ["all", "any", "not", "for", "meter"]
    /// The keys a condition mapping accepts: every ``ConditionKind``, then the combinators.
    static let conditionKeys = ConditionKind.all.map(\.key) + combinatorKeys

    /// A condition mapping: every key must hold (`{ period: hc, days: weekdays }`); `meter:` sets the
    /// meter of the tests in it and below; `for:` requires the whole mapping to hold that long.
    mutating func compileCondition(_ node: Node, scope inherited: MeterScope) -> CompiledCondition? {
        guard node.mapping != nil else {
            let hint = node.sequence != nil ? "for conditions that must all hold, write all: [...]; for any of them, any: [...]"
                : "write a mapping such as { period: hc } or { tempo-today: red }"
            error(at: node, "expected a condition, found \(Self.describe(node))", hint: hint)
            return nil
        }
        guard let fields = fields(of: node, in: "a condition", allowed: Self.conditionKeys) else { return nil }
        var scope = inherited
        if let meter = fields["meter"] {
            if let name = text(meter.value, expected: "a meter name") {
                scope = resolveMeter((name, meter.value), for: "", at: meter.value).map(MeterScope.named) ?? .invalid
            } else {
                scope = .invalid
            }
        }
        var parts: [CompiledCondition] = []
        var failed = fields.hadUnknownKeys
        for entry in fields.entries where entry.key != "for" && entry.key != "meter" {
            if let part = compileConditionEntry(entry, scope: scope) {
                parts.append(part)
            } else {
                failed = true
            }
        }
        let duration = fields["for"].flatMap { durationValue($0.value) }
        if fields["for"] != nil, duration == nil { failed = true }
        if parts.isEmpty, !failed {
            let hint = fields.entries.isEmpty ? "write one such as { period: hc }" : "'for:' and 'meter:' apply to a condition written beside them, such as period: hc"
            error(at: node, "no condition here", hint: hint)
            return nil
        }
        guard !failed else { return nil }
        var combined = CompiledCondition(all: parts)
        if let entry = fields["for"], let duration {
            checkSatisfiable(combined)
            combined = CompiledCondition(.sustained(combined.condition, for: duration), keyNode: entry.keyNode,
                                         summary: "for: \(entry.value.scalar?.string ?? "")")
        }
        return combined
    }

    private mutating func compileConditionEntry(_ entry: Entry, scope: MeterScope) -> CompiledCondition? {
        let summary = CompiledCondition.summary(key: entry.key, value: entry.value)
        switch entry.key {
        case "all", "any":
            guard let items = conditionList(entry) else { return nil }
            var children: [CompiledCondition] = []
            var failed = false
            for item in items {
                if let child = compileCondition(item, scope: scope) { children.append(child) } else { failed = true }
            }
            guard !failed else { return nil }
            if entry.key == "all" { return CompiledCondition(all: children) }
            children.forEach { checkSatisfiable($0) }
            let condition: Condition = children.count == 1 ? children[0].condition : .any(children.map(\.condition))
            return CompiledCondition(condition, keyNode: entry.keyNode, summary: summary)
        case "not":
            guard let inner = compileCondition(entry.value, scope: scope) else { return nil }
            checkSatisfiable(inner)
            return CompiledCondition(.not(inner.condition), keyNode: entry.keyNode, summary: summary)
        default:
            guard let condition = compileLeaf(entry, scope: scope) else { return nil }
            return CompiledCondition(condition, keyNode: entry.keyNode, summary: summary)
        }
    }

    /// The items of `all:` / `any:`: a non-empty list.
    private mutating func conditionList(_ entry: Entry) -> [Node]? {
        guard let sequence = entry.value.sequence else {
            error(at: entry.value, "'\(entry.key)' expects a list of conditions, found \(Self.describe(entry.value))",
                  hint: "write \(entry.key): [ { period: hc }, { tempo-today: red } ]")
            return nil
        }
        guard !sequence.isEmpty else {
            error(at: entry.value, "'\(entry.key)' has no condition", hint: "list at least one condition, or remove '\(entry.key)'")
            return nil
        }
        return Array(sequence)
    }

    /// The meter a leaf reads, or nil (reported, or silent under an invalid `meter:`).
    mutating func meter(for entry: Entry, scope: MeterScope) -> String? {
        switch scope {
        case .named(let name): return name
        case .invalid: return nil
        case .unspecified: return resolveMeter(nil, for: "'\(entry.key)'", at: entry.keyNode)
        }
    }
}
