extension ControllerCore {
    /// Puts new rules in force (a file that compiled), keeping every output's state, reason and
    /// switch time so minimum times hold across the reload (``RuleEngine/reload(_:at:)``).
    ///
    /// What the I/O edge opened once cannot change without a restart: the meters (names, order,
    /// ports, mode, parity), the outputs' wiring (name, line, active-low) and the OLED's bus, address
    /// and size. Such a file is refused with "restart linkyd", and the old rules stay in force;
    /// nothing is half-applied. Everything else (rules, shedding, timeouts, the OLED's contrast, night,
    /// rotation, pixel shift, and everything observers read from the rules) applies at once.
    ///
    /// Returns whether the rules were applied.
    @discardableResult
    public mutating func reload(_ rules: RuleSet, warnings: [String] = [], at now: Duration, into events: inout [ControllerEvent]) -> Bool {
        let old = self.rules
        var problems: [String] = []
        if rules.meters.map(\.link) != old.meters.map(\.link) {
            problems.append("meters changed (\(Self.difference(old.meters.map(\.link), rules.meters.map(\.link))))")
        }
        if rules.outputs.map(\.wiring) != old.outputs.map(\.wiring) {
            problems.append("output wiring changed (\(Self.difference(old.outputs.map(\.wiring), rules.outputs.map(\.wiring))))")
        }
        if rules.display?.hardware != old.display?.hardware {
            problems.append("the display's bus, address or size changed")
        }
        if rules.web.listen != old.web.listen || rules.web.usersFile != old.web.usersFile {
            problems.append("the web server's settings changed (listen, users-file)")
        }
        if rules.mqtt.map(\.connection) != old.mqtt.map(\.connection) {
            problems.append("the MQTT settings changed")
        }
        if rules.influxDB.map(\.connection) != old.influxDB.map(\.connection) {
            problems.append("the InfluxDB settings changed")
        }
        if rules.postgresql.map(\.connection) != old.postgresql.map(\.connection) {
            problems.append("the PostgreSQL settings changed")
        }
        if rules.history.recording != old.history.recording {
            problems.append("the history's settings changed (on/off, path, commit-every, keep-minutes or time zone)")
        }
        guard problems.isEmpty else {
            refuseReload(problems: problems.map { "\($0): restart linkyd to apply them (systemctl restart linkyd); the old rules stay in force" },
                         at: now, into: &events)
            return false
        }
        state.engine.reload(rules, at: now)
        state.sharedRules = SharedRules(state.engine.rules)
        state.deadline = .zero   // new rules: evaluate at the next opportunity
        let summary = ReloadSummary(rules: rules.rules.count, outputs: rules.outputs.count, warnings: warnings)
        state.lastReload = .applied(summary, at: now)
        events.append(ControllerEvent(at: now, time: state.wallTime(at: now), .reloaded(summary)))
        return true
    }

    /// A reload that did not compile (or could not be read): reported, and the old rules stay in force.
    public mutating func refuseReload(problems: [String], at now: Duration, into events: inout [ControllerEvent]) {
        state.lastReload = .refused(problems: problems, at: now)
        events.append(ControllerEvent(at: now, time: state.wallTime(at: now), .reloadRefused(problems: problems)))
    }

    private static func difference(_ old: [String], _ new: [String]) -> String {
        let removed = old.filter { !new.contains($0) }, added = new.filter { !old.contains($0) }
        let parts = removed.map { "was \($0)" } + added.map { "now \($0)" }
        return parts.isEmpty ? "order" : parts.joined(separator: "; ")
    }
}

extension MeterConfig {
    /// What the reader opened: name, port, mode and parity.
    var link: String { "\(name) \(port) \(mode.rawValue) \(parity?.rawValue ?? "7e1")" }
}

extension OutputConfig {
    /// What cannot change without reopening the line.
    var wiring: String { "\(name) \(gpio)\(activeLow ? " active-low" : "")" }
}

extension HistoryConfig {
    /// What the recorder reads once, at start (prices are read by each report: they reload freely).
    var recording: String { "\(enabled) \(path) \(commitEvery) \(keepMinutes) \(timeZone)" }
}

extension MQTTConfig {
    /// Everything but where the section is written (an MQTT exporter reads its settings once).
    var connection: MQTTConfig {
        var copy = self
        copy.location = .start
        return copy
    }
}

extension InfluxDBConfig {
    /// Everything but where the section is written (the InfluxDB exporter reads its settings once).
    var connection: InfluxDBConfig {
        var copy = self
        copy.location = .start
        return copy
    }
}

extension PostgreSQLConfig {
    /// Everything but where the section is written (the PostgreSQL exporter reads its settings once).
    var connection: PostgreSQLConfig {
        var copy = self
        copy.location = .start
        return copy
    }
}

extension DisplayConfig {
    /// What cannot change without reopening the panel.
    var hardware: String { "\(bus) \(address) \(size.rawValue)" }
}
