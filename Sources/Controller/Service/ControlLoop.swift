import HAL
import Logging
import TIC

/// The heart of `linkyd run`: meters' bytes in, GPIO lines driven, everything logged once.
///
/// It owns one decoder and meter state per meter, the ``RuleEngine`` and the output lines. Bytes are
/// decoded as they arrive and the engine is evaluated after every verified group, so a decision never
/// waits for the end of a frame. ``tick(at:local:)`` evaluates on the clock too (signal loss, `for:`,
/// minimum times, shedding delays, time windows). Time comes in as values (`at:`): the service reads
/// the clock, tests pass their own.
public actor ControlLoop {
    private var engine: RuleEngine
    private var channels: [String: MeterChannel]
    private let lines: [String: any OutputLine]
    private let logger: Logger
    private var lost: Set<String> = []
    private var failingLines: Set<String> = []
    private var lastLocal: LocalTime
    /// The latest decision, for the display, the web page and the health check.
    public private(set) var decision: Decision?
    /// The last reload's problems, shown until a reload succeeds.
    public private(set) var reloadError: String?

    /// `lines` holds one requested line per output, already in its `initial` state.
    public init(rules: RuleSet, lines: [String: any OutputLine], logger: Logger, at now: Duration, local: LocalTime) {
        engine = RuleEngine(rules: rules, at: now)
        channels = Dictionary(uniqueKeysWithValues: rules.meters.map { ($0.name, MeterChannel()) })
        self.lines = lines
        self.logger = logger
        lastLocal = local
    }

    public var rules: RuleSet { engine.rules }

    /// Everything a status display needs, in one call.
    public var snapshot: (rules: RuleSet, readings: [String: MeterReading], decision: Decision?, reloadError: String?) {
        (engine.rules, readings, decision, reloadError)
    }

    /// Each meter's reading and decoder statistics.
    public var meters: [String: (reading: MeterReading, statistics: DecoderStatistics)] {
        channels.mapValues { ($0.reading, $0.decoder.statistics) }
    }

    /// Decodes bytes from `meter`; evaluates after every verified group and at every frame end.
    public func received(_ bytes: [UInt8], from meter: String, at now: Duration) {
        guard var channel = channels[meter] else { return }
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == ASCII.cr || byte == ASCII.lf || byte == ASCII.etx {
            if channel.push(bytes[start...index], at: now) { evaluate(with: &channel, meter: meter, at: now) }
            start = index + 1
        }
        if start < bytes.count, channel.push(bytes[start...], at: now) { evaluate(with: &channel, meter: meter, at: now) }
        channels[meter] = channel
    }

    /// Evaluates on the clock: call it about once a second.
    public func tick(at now: Duration, local: LocalTime) {
        lastLocal = local
        apply(engine.evaluate(readings, at: now, local: local))
    }

    /// Replaces the rules after a successful compile. Meters and output wiring cannot change without
    /// a restart (the lines and ports are opened once): such a file is refused, the old rules stay.
    @discardableResult
    public func reload(_ rules: RuleSet, at now: Duration) -> Bool {
        let old = engine.rules
        guard rules.meters.map(\.port) == old.meters.map(\.port), rules.meters.map(\.name) == old.meters.map(\.name),
              rules.outputs.map(\.wiring) == old.outputs.map(\.wiring) else {
            reloadFailed("meters or output wiring changed: restart linkyd to apply them (systemctl restart linkyd); the old rules stay in force")
            return false
        }
        engine.reload(rules, at: now)
        reloadError = nil
        logger.notice("rules reloaded: \(rules.rules.count) rules, \(rules.outputs.count) outputs")
        return true
    }

    /// A reload that did not compile: logged, shown, and the old rules stay in force.
    public func reloadFailed(_ problem: String) {
        reloadError = problem
        logger.error("reload refused: \(problem)")
    }

    /// linkyd is stopping: every output to its fail-safe state.
    public func stop(at now: Duration) {
        let decision = engine.stop(at: now)
        apply(decision)
        let states = decision.outputs.map { "\($0.name) \($0.state)" }.joined(separator: ", ")
        logger.notice("outputs in their fail-safe states: \(states)")
    }

    private var readings: [String: MeterReading] { channels.mapValues(\.reading) }

    private func evaluate(with channel: inout MeterChannel, meter: String, at now: Duration) {
        channels[meter] = channel
        apply(engine.evaluate(readings, at: now, local: lastLocal))
    }

    private func apply(_ decision: Decision) {
        self.decision = decision
        let nowLost = Set(decision.lostMeters)
        for meter in nowLost.subtracting(lost).sorted() {
            logger.error("meter '\(meter)': no valid frame for \(engine.rules.signalLossTimeout.readable): outputs that depend on it go to their fail-safe state")
        }
        for meter in lost.subtracting(nowLost).sorted() { logger.notice("meter '\(meter)': signal back") }
        lost = nowLost
        for change in decision.changes {
            logger.notice("\(change.output): \(change.from) → \(change.to) (\(change.reason))")
        }
        // Drive every line to its state: changes, and lines whose last drive failed (retried each time).
        for status in decision.outputs {
            let changed = decision.changes.contains { $0.output == status.name }
            guard changed || failingLines.contains(status.name), let line = lines[status.name] else { continue }
            do {
                try line.drive(LineState(status.state.isOn))
                if failingLines.remove(status.name) != nil { logger.notice("\(status.name): line works again") }
            } catch {
                if failingLines.insert(status.name).inserted { logger.error("\(status.name): \(error)") }
            }
        }
    }
}

extension OutputConfig {
    /// What cannot change without reopening the line.
    var wiring: String { "\(name) \(gpio) \(activeLow)" }
}
