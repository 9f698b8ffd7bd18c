import TIC
import Yams

extension RulesCompiler {
    static let colourAliases = ["bleu": "blue", "blanc": "white", "rouge": "red"]
    static let dayAliases: [String: Set<Weekday>] = {
        var aliases: [String: Set<Weekday>] = ["weekdays": Weekday.weekdays, "weekend": Weekday.weekend]
        let long = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        for (day, name) in zip(Weekday.allCases, long) {
            aliases[day.rawValue] = [day]
            aliases[name] = [day]
        }
        return aliases
    }()

    /// A leaf condition (everything but `all`/`any`/`not`/`for`/`meter`), read as its
    /// ``ConditionKind`` says. A meter test's value is read before its meter is resolved.
    mutating func compileLeaf(_ entry: Entry, scope: MeterScope) -> Condition? {
        guard let kind = ConditionKind.byKey[entry.key] else { return nil }
        switch kind.reading {
        case .meter(let parse, _):
            let test = parse(&self, entry)
            guard let meter = meter(for: entry, scope: scope), let test else { return nil }
            return .meter(test, meter: meter)
        case .other(let parse):
            return parse(&self, entry)
        }
    }

    /// `period: hc`, `period: [hp-white, hp-red]`.
    mutating func periods(_ node: Node) -> Set<TariffPeriod>? {
        names(node, of: "period", valid: TariffPeriod.allCases.map(\.rawValue), aliases: [:])
            .map { Set($0.compactMap(TariffPeriod.init)) }
    }

    /// `true` / `false`.
    mutating func flag(_ node: Node) -> Bool? { value(node, expected: "true or false", ValueSyntax.flag) }

    /// `closed` / `open`.
    mutating func contact(_ node: Node) -> Bool? { value(node, expected: "closed or open", ValueSyntax.contact) }

    /// `time: 22:30-06:30`, or a list of windows (any of them).
    mutating func timeWindows(_ node: Node) -> Condition? {
        let windows = scalarList(node, expected: "a time window such as 22:30-06:30").compactMap {
            value($0.node, expected: "a time window", ValueSyntax.timeWindow)
        }
        guard !windows.isEmpty else { return nil }
        return windows.count == 1 ? .time(windows[0]) : .any(windows.map(Condition.time))
    }

    /// Names from a fixed list (one or a list), each checked with a did-you-mean.
    private mutating func names(_ node: Node, of kind: String, valid: [String], aliases: [String: String]) -> [String]? {
        var result: [String] = []
        var failed = false
        for (text, item) in scalarList(node, expected: "a \(kind) name") {
            let name = text.lowercased()
            if valid.contains(name) {
                result.append(name)
                continue
            }
            failed = true
            let hint = aliases[name].map { "did you mean '\($0)'?" } ?? Suggestion.didYouMean(name, among: valid)
                ?? "\(kind)s are \(Suggestion.list(valid))"
            error(at: item, "unknown \(kind) '\(text)'", hint: hint)
        }
        return failed || result.isEmpty ? nil : result
    }

    mutating func colours(_ node: Node) -> Set<TempoColor>? {
        names(node, of: "Tempo colour", valid: TempoColor.allCases.map(\.rawValue), aliases: Self.colourAliases)
            .map { Set($0.compactMap(TempoColor.init)) }
    }

    mutating func daySet(_ node: Node) -> Set<Weekday>? {
        var days: Set<Weekday> = []
        var failed = false
        for (text, item) in scalarList(node, expected: "a day such as mon or weekend") {
            if let set = Self.dayAliases[text.lowercased()] {
                days.formUnion(set)
            } else {
                failed = true
                let hint = Suggestion.didYouMean(text, among: Self.dayAliases.keys.sorted())
                    ?? "write mon, tue, wed, thu, fri, sat, sun, weekdays or weekend"
                error(at: item, "unknown day '\(text)'", hint: hint)
            }
        }
        return failed || days.isEmpty ? nil : days
    }

    /// `output: { water-heater: on, radiators: off }`: all must hold.
    mutating func outputStates(_ node: Node) -> Condition? {
        guard let entries = entries(of: node, expected: "a mapping of output names to on or off, such as { water-heater: on }") else { return nil }
        if entries.isEmpty { error(at: node, "no output named here", hint: "write output: { water-heater: on }") }
        guard let states = checkedOutputStates(entries), !states.isEmpty else { return nil }
        let conditions = states.map { Condition.output($0.entry.key, is: $0.state) }
        return conditions.count == 1 ? conditions[0] : .all(conditions)
    }

    /// Whether the key names a declared output; else an error with a did-you-mean.
    mutating func checkOutputName(_ entry: Entry) -> Bool {
        guard outputLocations[entry.key] == nil else { return true }
        reportUnknownOutput(entry.key, at: entry.keyNode)
        return false
    }

    mutating func reportUnknownOutput(_ name: String, at node: Node) {
        let hint = Suggestion.closest(to: name, among: outputNames).map { "did you mean '\($0)'?\(Self.declared(outputLocations[$0]))" }
            ?? (outputNames.isEmpty ? "declare it under 'outputs:'" : "declared outputs: \(Suggestion.list(outputNames))")
        error(at: node, "unknown output '\(name)'", hint: hint)
    }

    /// `{ above: X, below: Y }`, at least one; both with the same unit must leave room between them.
    mutating func bounds<Level: LevelOrdering & Sendable & Hashable>(
        _ entry: Entry, _ parse: (String) -> Result<Level, ValueProblem>, kind: String
    ) -> Bounds<Level>? {
        let example = kind == "power" ? "{ above: 6 kVA }" : "{ above: 25 A }"
        guard entry.value.mapping != nil else {
            error(at: entry.value, "'\(entry.key)' expects above: and/or below:, found \(Self.describe(entry.value))",
                  hint: "write \(entry.key): \(example)")
            return nil
        }
        guard let fields = fields(of: entry.value, in: "'\(entry.key)'", allowed: ["above", "below"]) else { return nil }
        let above = fields["above"].flatMap { value($0.value, expected: "a \(kind)", parse) }
        let below = fields["below"].flatMap { value($0.value, expected: "a \(kind)", parse) }
        if fields["above"] == nil, fields["below"] == nil {
            error(at: entry.value, "'\(entry.key)' needs above: or below:", hint: "write \(entry.key): \(example)")
            return nil
        }
        guard (fields["above"] == nil) == (above == nil), (fields["below"] == nil) == (below == nil) else { return nil }
        if let above, let below, let belowNode = fields["below"]?.value, above.isAtLeast(below) {
            error(at: belowNode, "'\(entry.key)' can never be above \(above) and below \(below) at once",
                  hint: "for outside a range, write any: [ { \(entry.key): { below: … } }, { \(entry.key): { above: … } } ]")
            return nil
        }
        return Bounds(above: above, below: below)
    }
}
