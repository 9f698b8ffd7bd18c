// TEMPORARY until the compiled engine lands (branch engine-compile): the array entry point.
extension RuleEngine {
    mutating func evaluate(_ meters: [MeterReading], at now: Duration, local: LocalTime) -> Decision {
        var byName: [String: MeterReading] = [:]
        for (index, meter) in rules.meters.enumerated() { byName[meter.name] = meters[index] }
        return evaluate(byName, at: now, local: local)
    }
}
