import Yams

/// The rules file compiler: YAML text → ``RuleSet`` or ``Diagnostics``, every problem at once.
///
/// The YAML is composed with `Resolver.basic`, so every scalar stays a string (`22:30`, `on`, `010`
/// are never converted behind the user's back) and each node keeps its `mark`; the compiler
/// type-checks the tree itself and reports `FILE:LINE:COL` diagnostics with a hint.
public struct RulesCompiler {
    let file: String
    let source: String
    var diagnostics: [Diagnostic] = []
    /// Declared names and where, filled as sections are read (meters and outputs before rules).
    var meterLocations: [String: SourceLocation] = [:]
    var meterNames: [String] = []
    var outputLocations: [String: SourceLocation] = [:]
    var outputNames: [String] = []

    static let topLevelKeys = ["meters", "outputs", "rules", "shedding", "signal-loss-timeout", "display",
                                "history", "prices", "web",
                                "mqtt",  // issue 11: RulesCompiler+MQTT.swift
                                "influxdb",  // issue 11: RulesCompiler+InfluxDB.swift
                                "postgresql"]  // issue 11: RulesCompiler+PostgreSQL.swift

    /// Compiles a rules file. `file` is the name shown in diagnostics (as given, e.g. `rules.yaml`).
    public static func compile(source: String, file: String) -> Compilation {
        var compiler = RulesCompiler(file: file, source: source)
        let ruleSet = compiler.compileDocument()
        let diagnostics = Diagnostics(compiler.diagnostics)
        return Compilation(ruleSet: diagnostics.hasErrors ? nil : ruleSet, diagnostics: diagnostics)
    }

    init(file: String, source: String) {
        self.file = file
        self.source = source
    }

    mutating func compileDocument() -> RuleSet? {
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: source, .basic) else {
                error(at: .start, "the rules file is empty", hint: "start from one of the examples in rules/")
                return nil
            }
            root = composed
        } catch let yamlError as YamlError {
            report(yamlError)
            return nil
        } catch {
            self.error(at: .start, "cannot read the file as YAML: \(error)")
            return nil
        }
        guard let top = fields(of: root, in: "the rules file", allowed: Self.topLevelKeys) else { return nil }

        var meters: [MeterConfig] = []
        if let entry = top["meters"] {
            meters = compileMeters(entry.value)
        } else {
            error(at: .start, "no 'meters:' section", hint: "declare the meter linkyd reads, e.g. meters: { main: { port: /dev/ttyAMA0 } }")
        }
        var outputs: [OutputConfig] = []
        if let entry = top["outputs"] { outputs = compileOutputs(entry.value) }
        var rules: [Rule] = []
        if let entry = top["rules"] { rules = compileRules(entry.value) }
        var shedding: Shedding?
        if let entry = top["shedding"] { shedding = compileShedding(entry.value, key: entry.keyNode) }
        var signalLoss = RuleSet.defaultSignalLossTimeout
        if let entry = top["signal-loss-timeout"], let value = durationValue(entry.value) {
            if value < .seconds(2) {
                error(at: entry.value, "a signal-loss timeout under 2 s would trip between two frames", hint: "a historic frame takes up to 2 s on the wire: write 30 s (the default) or more")
            } else {
                signalLoss = value
            }
        }
        var display: DisplayConfig?
        if let entry = top["display"] { display = compileDisplay(entry.value, key: entry.keyNode) }
        // History and prices (issue 9): RulesCompiler+History.swift, RulesCompiler+Prices.swift.
        let history = compileHistory(top["history"]?.value, key: top["history"]?.keyNode)
        let prices = top["prices"].map { compilePrices($0.value) } ?? PriceSchedule()
        var web = WebConfig.standard
        if let entry = top["web"], let compiled = compileWeb(entry.value, key: entry.keyNode) { web = compiled }
        // Exporters (issue 11): RulesCompiler+MQTT.swift.
        let mqtt = top["mqtt"].flatMap { compileMQTT($0.value, key: $0.keyNode) }
        let influxDB = top["influxdb"].flatMap { compileInfluxDB($0.value, key: $0.keyNode, history: history) }
        if !diagnostics.contains(where: \.isError) {
            warnAboutUnusedOutputs(outputs, rules: rules, shedding: shedding)
        }
        var ruleSet = RuleSet(meters: meters, outputs: outputs, rules: rules, shedding: shedding, signalLossTimeout: signalLoss,
                              display: display, history: history, prices: prices, web: web)
        ruleSet.mqtt = mqtt
        ruleSet.influxDB = influxDB
        ruleSet.postgresql = top["postgresql"].flatMap { compilePostgreSQL($0.value, key: $0.keyNode) }
        return ruleSet
    }

    /// An output no rule and no shedding switches stays at `initial` for ever: probably a typo. Said
    /// only of a file without errors (a rule with an error would look like a missing one).
    mutating func warnAboutUnusedOutputs(_ outputs: [OutputConfig], rules: [Rule], shedding: Shedding?) {
        let used = Set(rules.flatMap { $0.actions.map(\.output) } + (shedding?.loads ?? []))
        for output in outputs where !used.contains(output.name) {
            warning(at: output.location, length: output.name.unicodeScalars.count,
                    "output '\(output.name)' is never switched by a rule or by shedding",
                    hint: "it stays '\(output.initial)' (its initial state) except when fail-safe")
        }
    }

    /// A YAML syntax error, at libyaml's mark.
    mutating func report(_ yamlError: YamlError) {
        switch yamlError {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let location = SourceLocation(line: mark.line, column: mark.column)
            let hint = context.map { "\($0.text) at line \($0.mark.line), column \($0.mark.column); check the indentation and the brackets there" }
                ?? "check the indentation (spaces, not tabs) and quote values that contain ': ' or '#'"
            error(at: location, "YAML syntax: \(problem)", hint: hint)
        case let .duplicatedKeysInMapping(duplicates, context):
            let first = SourceLocation(line: context.mark.line, column: context.mark.column)
            let key = duplicates.first ?? ""
            let again = Self.repetition(of: key, after: first, in: source)
            error(at: again ?? first, length: key.unicodeScalars.count,
                  "key\(duplicates.count == 1 ? "" : "s") \(Suggestion.list(duplicates)) written twice in the same mapping",
                  hint: (again == nil ? "" : "first written at line \(first.line); ") + "keep one: YAML would silently use only the last")
        default:
            error(at: .start, "cannot read the file as YAML: \(yamlError)")
        }
    }

    /// Where a block-mapping key is written again below its first occurrence, at the same column
    /// (libyaml reports only the first).
    static func repetition(of key: String, after first: SourceLocation, in source: String) -> SourceLocation? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line < lines.count, first.column >= 1 else { return nil }
        for index in first.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            guard scalars.count >= first.column else { continue }
            let indent = scalars[..<(first.column - 1)]
            if indent.contains(where: { $0 != " " && $0 != "-" }) { continue }
            let rest = String(String.UnicodeScalarView(scalars[(first.column - 1)...]))
            if rest.hasPrefix(key + ":") { return SourceLocation(line: index + 1, column: first.column) }
        }
        return nil
    }
}
