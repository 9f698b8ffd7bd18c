import TIC
import HAL
import Yams

extension RulesCompiler {
    static let meterKeys = ["port", "mode", "parity"]

    /// `meters: { NAME: { port: PATH, mode: auto|historic|standard, parity: 7e1|8n1 } }`.
    mutating func compileMeters(_ node: Node) -> [MeterConfig] {
        guard let entries = entries(of: node, expected: "a mapping of meter names to their settings") else { return [] }
        if entries.isEmpty {
            error(at: node, "no meter declared", hint: "declare the meter linkyd reads, e.g. main: { port: /dev/ttyAMA0 }")
        }
        var meters: [MeterConfig] = []
        for entry in entries {
            let location = Self.location(of: entry.keyNode)
            meterLocations[entry.key] = location
            meterNames.append(entry.key)
            if let meter = compileMeter(entry, at: location) { meters.append(meter) }
        }
        return meters
    }

    private mutating func compileMeter(_ entry: Entry, at location: SourceLocation) -> MeterConfig? {
        let context = "meter '\(entry.key)'"
        guard let fields = fields(of: entry.value, in: context, allowed: Self.meterKeys,
                                  hint: "write \(entry.key): { port: /dev/ttyAMA0, mode: auto }") else { return nil }
        var port: String?
        if let value = fields["port"]?.value {
            port = text(value, expected: "a serial device path such as /dev/ttyAMA0")
            if let path = port, !path.hasPrefix("/") {
                error(at: value, "serial port '\(path)' is not an absolute path", hint: "write /dev/\(path)")
                port = nil
            }
        } else {
            error(at: entry.keyNode, "\(context) has no 'port'", hint: "add the serial device the TIC is wired to, e.g. port: /dev/ttyAMA0")
        }
        var mode = TICModeSetting.auto
        if let value = fields["mode"]?.value {
            mode = self.value(value, expected: "a TIC mode") { text in
                TICModeSetting(rawValue: text.lowercased()).map(Result.success) ?? .failure(ValueProblem(
                    "unknown TIC mode '\(text)'",
                    hint: Suggestion.didYouMean(text, among: TICModeSetting.allCases.map(\.rawValue))
                        ?? "write auto, historic (1200 Bd) or standard (9600 Bd)"))
            } ?? .auto
        }
        var parity: SerialParity?
        if let value = fields["parity"]?.value {
            parity = self.value(value, expected: "a parity") { text in
                SerialParity(rawValue: text.lowercased()).map(Result.success) ?? .failure(ValueProblem(
                    "unknown parity '\(text)'",
                    hint: "write 7e1 (the TIC's framing) or 8n1 (the Raspberry Pi mini UART, bit 7 masked)"))
            }
        }
        guard let port else { return nil }
        return MeterConfig(name: entry.key, port: port, mode: mode, parity: parity, location: location)
    }

    /// The meter a condition or shedding reads: the named one (checked), or the only one declared.
    /// `node` is where to report a missing `meter:`.
    mutating func resolveMeter(_ named: (text: String, node: Node)?, for what: String, at node: Node) -> String? {
        if let named {
            if meterLocations[named.text] != nil { return named.text }
            let suggestion = Suggestion.closest(to: named.text, among: meterNames)
            let hint = suggestion.map { "did you mean '\($0)'?\(Self.declared(meterLocations[$0]))" }
                ?? (meterNames.isEmpty ? "declare it under 'meters:'" : "declared meters: \(Suggestion.list(meterNames))")
            error(at: named.node, "unknown meter '\(named.text)'", hint: hint)
            return nil
        }
        if meterNames.count == 1 { return meterNames[0] }
        if meterNames.count > 1 {
            error(at: node, "\(what) needs 'meter:' when several meters are declared",
                  hint: "add meter: \(meterNames[0]) (declared: \(meterNames.joined(separator: ", ")))")
        }
        return nil
    }
}
