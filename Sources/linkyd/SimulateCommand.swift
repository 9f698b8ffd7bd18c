import ArgumentParser
import Controller
import Foundation
import TIC
import Web

/// `linkyd simulate --rules FILE CAPTURE...`: replays captures through the rules with simulated lines
/// and prints one JSON object per output change.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay captures through a rules file on simulated outputs; print each switch as JSON.",
        discussion: """
        Replay time advances by each byte's time on the wire at its mode's baud rate, so `for:`, \
        `delay:` and `min-off:` behave as they would live. With several meters, write METER=CAPTURE; \
        captures are played one after the other.
        """
    )

    @Option(help: "The rules file.")
    var rules: String

    @Option(help: "Local start time for time/days conditions until a meter clock is seen, e.g. 'mon 06:30'.")
    var start: String = "mon 12:00"

    @Argument(help: "Capture files (METER=PATH with several meters).")
    var captures: [String]

    func run() throws {
        let source = try RulesFile.read(rules)
        let compilation = RulesCompiler.compile(source: source, file: rules)
        guard let ruleSet = compilation.ruleSet else {
            FileHandle.standardError.write(Data((compilation.diagnostics.rendered(source: source) + "\n").utf8))
            throw ExitCode(1)
        }
        guard let startTime = LocalTime(parsing: start) else {
            throw ValidationError("--start: write a day and a time, e.g. 'mon 06:30'")
        }
        var replay = Replay(rules: ruleSet, start: startTime)
        for capture in captures {
            let (meter, path) = try assign(capture, ruleSet)
            // Streamed: memory stays flat whatever the capture's size.
            try forEachCaptureChunk(path: path) { chunk in
                for event in replay.feed(chunk, meter: meter) { print(event.json) }
            }
        }
    }

    private func assign(_ argument: String, _ rules: RuleSet) throws -> (String, String) {
        if let equals = argument.firstIndex(of: "="), rules.meter(named: String(argument[..<equals])) != nil {
            return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
        }
        guard rules.meters.count == 1, let only = rules.meters.first else {
            throw ValidationError("several meters are declared: write METER=CAPTURE (meters: \(rules.meters.map(\.name).joined(separator: ", ")))")
        }
        return (only.name, argument)
    }
}

extension Replay.Event {
    var json: String {
        var o = JSONObject()
        o.add("frame", .int(frame))
        o.add("output", .string(change.output))
        o.add("state", .string(change.to.rawValue))
        o.add("reason", .string(change.reason.description))
        o.add("reason_kind", .string(change.reason.kind))
        o.add("time_ms", .int(Int(time.components.seconds) * 1000 + Int(time.components.attoseconds / 1_000_000_000_000_000)))
        return o.line
    }
}

extension LocalTime {
    /// `mon 06:30`, `sun 23:59`.
    init?(parsing text: String) {
        let parts = text.lowercased().split(separator: " ")
        guard parts.count == 2, let day = Weekday(rawValue: String(parts[0].prefix(3))) else { return nil }
        let clock = parts[1].split(separator: ":")
        guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.init(weekday: day, hour: hour, minute: minute)
    }
}
