import Yams

extension RulesCompiler {
    static let outputKeys = ["gpio", "active-low", "initial", "failsafe", "min-on", "min-off"]
    static let gpioKeys = ["chip", "line"]

    /// `outputs: { NAME: { gpio: { chip, line }, active-low, initial, failsafe, min-on, min-off } }`.
    mutating func compileOutputs(_ node: Node) -> [OutputConfig] {
        guard let entries = entries(of: node, expected: "a mapping of output names to their settings") else { return [] }
        var outputs: [OutputConfig] = []
        var driven: [(name: String, address: GPIOLineAddress, location: SourceLocation)] = []
        for entry in entries {
            let location = Self.location(of: entry.keyNode)
            outputLocations[entry.key] = location
            outputNames.append(entry.key)
            let (output, gpio) = compileOutput(entry, at: location)
            if let (address, lineNode) = gpio {
                if let other = driven.first(where: { $0.address == address }) {
                    error(at: lineNode, "\(address) is already driven by output '\(other.name)'",
                          hint: "each output needs its own line; '\(other.name)' is declared at line \(other.location.line)")
                } else if let other = driven.first(where: { Self.probablySameLine($0.address, address) }) {
                    warning(at: lineNode, "\(address) is probably the line of output '\(other.name)' (\(other.address))",
                            hint: "on a Raspberry Pi, GPIOn is offset n of the main chip; write both lines the same way")
                }
                driven.append((entry.key, address, location))
            }
            if let output { outputs.append(output) }
        }
        return outputs
    }

    static func probablySameLine(_ a: GPIOLineAddress, _ b: GPIOLineAddress) -> Bool {
        a.chip == b.chip && a.line != b.line && a.line.probableOffset != nil && a.line.probableOffset == b.line.probableOffset
    }

    /// The output, and its line with the node of `line:` (where a duplicate line is reported) even
    /// when the output has another error.
    private mutating func compileOutput(_ entry: Entry, at location: SourceLocation) -> (OutputConfig?, (GPIOLineAddress, Node)?) {
        let context = "output '\(entry.key)'"
        guard let fields = fields(of: entry.value, in: context, allowed: Self.outputKeys,
                                  hint: "write \(entry.key): { gpio: { chip: gpiochip0, line: GPIO17 }, failsafe: off }")
        else { return (nil, nil) }
        var gpio: (GPIOLineAddress, Node)?
        if let value = fields["gpio"]?.value {
            gpio = compileGPIO(value, context: context)
        } else {
            error(at: entry.keyNode, "\(context) has no 'gpio'", hint: "add the line it drives, e.g. gpio: { chip: gpiochip0, line: GPIO17 }")
        }
        var failsafe: OutputState?
        if let value = fields["failsafe"]?.value {
            failsafe = self.value(value, expected: "on or off", ValueSyntax.state)
        } else {
            error(at: entry.keyNode, "\(context) has no 'failsafe' state",
                  hint: "add failsafe: on or failsafe: off — the state to take when the meter signal is lost or linkyd stops; only you know which is safe for what is wired")
        }
        let activeLow = fields["active-low"].flatMap { self.value($0.value, expected: "true or false", ValueSyntax.flag) } ?? false
        let initial = fields["initial"].flatMap { self.value($0.value, expected: "on or off", ValueSyntax.state) } ?? .off
        let minOn = fields["min-on"].flatMap { durationValue($0.value) } ?? .zero
        let minOff = fields["min-off"].flatMap { durationValue($0.value) } ?? .zero
        guard let (address, _) = gpio, let failsafe else { return (nil, gpio) }
        let output = OutputConfig(
            name: entry.key, gpio: address, activeLow: activeLow, initial: initial, failsafe: failsafe,
            minOn: minOn, minOff: minOff, location: location)
        return (output, gpio)
    }

    /// `{ chip: gpiochip0 | LABEL, line: GPIO17 | 17 }`.
    private mutating func compileGPIO(_ node: Node, context: String) -> (GPIOLineAddress, Node)? {
        guard let fields = fields(of: node, in: "'gpio' of \(context)", allowed: Self.gpioKeys) else { return nil }
        var chip: String?
        if let value = fields["chip"]?.value {
            chip = text(value, expected: "a chip name or label such as gpiochip0")
        } else {
            error(at: node, "'gpio' of \(context) has no 'chip'", hint: "add chip: gpiochip0 (the Raspberry Pi's header; `gpiodetect` lists the chips)")
        }
        var line: (GPIOLineAddress.Line, Node)?
        if let value = fields["line"]?.value {
            line = self.value(value, expected: "a line name or offset such as GPIO17 or 17", Self.parseLine).map { ($0, value) }
        } else {
            error(at: node, "'gpio' of \(context) has no 'line'", hint: "add line: GPIO17 (a name from `gpioinfo`) or line: 17 (an offset)")
        }
        guard let chip, let line else { return nil }
        return (GPIOLineAddress(chip: chip, line: line.0), line.1)
    }

    static func parseLine(_ text: String) -> Result<GPIOLineAddress.Line, ValueProblem> {
        if text.allSatisfy({ $0.isASCII && $0.isNumber }), let offset = Int(text) {
            return .success(.offset(offset))
        }
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
            return .failure(ValueProblem("line offset '\(text)' is negative", hint: "offsets count from 0; `gpioinfo` lists them"))
        }
        return .success(.name(text))
    }
}
