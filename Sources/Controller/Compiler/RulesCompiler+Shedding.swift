import Yams

extension RulesCompiler {
    static let sheddingKeys = ["meter", "limit", "release", "delay", "restore-after", "loads"]

    /// `shedding: { meter, limit, release, delay, restore-after, loads: [OUTPUT, …] }`.
    mutating func compileShedding(_ node: Node, key: Node) -> Shedding? {
        guard let fields = fields(of: node, in: "'shedding'", allowed: Self.sheddingKeys) else { return nil }
        let meterEntry = fields["meter"]
        let meterName = meterEntry.flatMap { text($0.value, expected: "a meter name") }
        let meter = resolveMeter(meterName.flatMap { name in meterEntry.map { (name, $0.value) } }, for: "'shedding'", at: key)
        let limit = required(fields, "limit", in: key, hint: "add limit: 95% (of the subscribed power) or limit: 8500 VA")
            .flatMap { value($0.value, expected: "a power", ValueSyntax.power) }
        let release = required(fields, "release", in: key, hint: "add release: 80%, below the limit, when loads may come back")
            .flatMap { value($0.value, expected: "a power", ValueSyntax.power) }
        if let limit, let release, let node = fields["release"]?.value, release.isAtLeast(limit) {
            error(at: node, "release (\(release)) must be below the limit (\(limit))",
                  hint: "loads come back when the power falls below release: with release ≥ limit they would switch back and forth")
        }
        let delay = fields["delay"].flatMap { durationValue($0.value) } ?? Shedding.defaultDelay
        let restoreAfter = fields["restore-after"].flatMap { durationValue($0.value) } ?? Shedding.defaultRestoreAfter
        let loads = required(fields, "loads", in: key, hint: "add loads: [radiators, water-heater], shed first to last")
            .flatMap { compileLoads($0.value) }
        guard let meter, let limit, let release, !release.isAtLeast(limit), let loads else { return nil }
        return Shedding(meter: meter, limit: limit, release: release, delay: delay, restoreAfter: restoreAfter,
                        loads: loads, location: Self.location(of: key))
    }

    private mutating func required(_ fields: Fields, _ name: String, in key: Node, hint: String) -> Entry? {
        if let entry = fields[name] { return entry }
        error(at: key, "'shedding' has no '\(name)'", hint: hint)
        return nil
    }

    private mutating func compileLoads(_ node: Node) -> [String]? {
        var loads: [String] = []
        var failed = false
        for (name, item) in scalarList(node, expected: "an output name") {
            if outputLocations[name] == nil {
                reportUnknownOutput(name, at: item)
                failed = true
            } else if loads.contains(name) {
                error(at: item, "'\(name)' is listed twice in 'loads'", hint: "list each load once, shed first to last")
                failed = true
            } else {
                loads.append(name)
            }
        }
        return failed || loads.isEmpty ? nil : loads
    }
}
