import ArgumentParser
import Controller
import Foundation
import History
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

    @Option(help: "Local start time until a meter clock is seen: 'mon 06:30', or a date '2026-01-15 06:30' (the history's days in historic mode).")
    var start: String = "mon 12:00"

    @Option(help: "Record the replay into this history database (issue 9): `linkyd report --db DB` reads it.")
    var record: String?

    @Argument(help: "Capture files (METER=PATH with several meters).")
    var captures: [String]

    func run() throws {
        let source = try RulesFile.read(rules)
        let compilation = RulesCompiler.compile(source: source, file: rules)
        guard let ruleSet = compilation.ruleSet else {
            FileHandle.standardError.write(Data((compilation.diagnostics.rendered(source: source) + "\n").utf8))
            throw ExitCode(1)
        }
        let calendar = LocalCalendar(identifier: ruleSet.history.timeZone) ?? LocalCalendar(zone: .gmt)
        guard let (startTime, wallStart) = SimulateCommand.start(start, calendar: calendar) else {
            throw ValidationError("--start: write a day and a time, e.g. 'mon 06:30', or a date and a time, e.g. '2026-01-15 06:30'")
        }
        var replay = Replay(rules: ruleSet, start: startTime, wallStart: wallStart)
        // --record: the same recorder as `linkyd run`, fed synchronously, one commit per commit-every
        // of replay time, then flushed.
        var writer = record.map { path in
            var config = ruleSet.history
            config.path = path
            return HistoryWriter(config: config, meters: ruleSet.meters.map(\.name), logger: nil)
        }
        if var opened = writer {
            if !opened.open(), let failure = opened.failure {
                FileHandle.standardError.write(Data("error: \(failure.path): \(failure.problem)\nhint: \(failure.hint)\n".utf8))
                throw ExitCode(1)
            }
            writer = opened
        }
        var events: [ControllerEvent] = []
        for capture in captures {
            let (meter, path) = try assign(capture, ruleSet)
            // Streamed: memory stays flat whatever the capture's size.
            try forEachCaptureChunk(path: path) { chunk in
                events.removeAll(keepingCapacity: true)
                for event in replay.feed(chunk, meter: meter, into: &events) { print(event.json) }
                guard writer != nil else { return }
                for event in events where writer?.record(event) == true { writer?.commit(at: event.at) }
            }
        }
        writer?.commit(final: true)
        if let failure = writer?.failure {
            FileHandle.standardError.write(Data("error: \(failure.path): \(failure.problem)\nhint: \(failure.hint)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// `mon 06:30` (wall clock: 1970, as before), or `2026-01-15 06:30` local in the history's zone.
    static func start(_ text: String, calendar: LocalCalendar) -> (LocalTime, WallTime)? {
        if let time = LocalTime(parsing: text) { return (time, WallTime(millisecondsSince1970: 0)) }
        let parts = text.split(separator: " ")
        guard parts.count == 2, let date = CalendarDate(parsing: String(parts[0])),
              let minute = Int(parts[1].prefix(2)).flatMap({ hour in Int(parts[1].dropFirst(3)).map { hour * 60 + $0 } }),
              parts[1].count == 5, (0..<1440).contains(minute),
              let weekday = Weekday(isoNumber: (date.dayNumber + 3) % 7 + 1) else { return nil }
        let wall = calendar.start(of: date) + Int64(minute) * 60_000
        return (LocalTime(weekday: weekday, hour: minute / 60, minute: minute % 60), WallTime(millisecondsSince1970: wall))
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
