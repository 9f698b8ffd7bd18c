import Controller
import TIC

/// The object `GET /api/status` serves and `event: status` carries:
///
/// ```json
/// {"time": "2026-01-15T06:00:01+01:00",
///  "meters": {"main": {…the keys of `linkyd decode --json`…, "last_frame_age_s": 0.8, "signal": "ok"}},
///  "outputs": {"water-heater": {"state": "on", "reason": "rule 'night'", "reason_kind": "rule",
///                               "since": "2026-01-15T06:00:00+01:00"}},
///  "shed_loads": [], "failing_lines": {}, "last_reload": null, "stopped": false}
/// ```
///
/// Meters and outputs in the rules file's order. `since` is null while an output is still in the
/// state linkyd started it in. `signal`: `ok`, `waiting` (no valid group yet), `lost` (none for the
/// signal-loss timeout) or `line-failed` (the serial port cannot be opened).
public enum StatusDocument {
    /// The whole object; `ages: false` leaves `last_frame_age_s` and `time` out (to tell a change
    /// of content from the clock moving on).
    public static func object(_ status: ControllerStatus, meter only: String? = nil, ages: Bool = true) -> JSONObject {
        var document = JSONObject()
        if ages { document.add("time", .string(LocalTimestamp.iso8601(status.time))) }
        var meters = JSONObject()
        for meter in status.meters where only == nil || meter.name == only {
            meters.add(meter.name, .object(object(meter, at: status.at, ages: ages)))
        }
        document.add("meters", .object(meters))
        var outputs = JSONObject()
        for output in status.outputs {
            outputs.add(output.name, .object(object(output, in: status)))
        }
        document.add("outputs", .object(outputs))
        document.add("shed_loads", .array(status.shedLoads.map(JSONValue.string)))
        var failing = JSONObject()
        for name in status.failingLines.keys.sorted() { failing.add(name, .optional(status.failingLines[name])) }
        document.add("failing_lines", .object(failing))
        document.add("last_reload", lastReload(status))
        document.add("stopped", .bool(status.stopped))
        return document
    }

    /// One meter: the decode keys (`frame` is the count of frames decoded), the age of the last
    /// verified group in seconds (null before the first) and the signal.
    static func object(_ meter: MeterStatus, at now: Duration, ages: Bool) -> JSONObject {
        var object = meter.state.jsonObject(frame: meter.statistics.frames, complete: meter.statistics.frames > 0)
        if ages {
            object.add("last_frame_age_s", meter.age(at: now).map { JSONValue.double(seconds($0)) } ?? .null)
        }
        object.add("signal", .string(signal(meter)))
        return object
    }

    static func object(_ output: OutputStatus, in status: ControllerStatus) -> JSONObject {
        var object = JSONObject()
        object.add("state", .string(output.state.rawValue))
        object.add("reason", .string(output.reason.description))
        object.add("reason_kind", .string(output.reason.kind))
        if case .rule(let name) = output.reason { object.add("rule", .string(name)) }
        object.add("since", output.since.map { .string(LocalTimestamp.iso8601(wall($0, in: status))) } ?? .null)
        if let pending = output.pending {
            var next = JSONObject()
            next.add("state", .string(pending.state.rawValue))
            next.add("reason", .string(pending.reason.description))
            next.add("at", .string(LocalTimestamp.iso8601(wall(pending.allowedAt, in: status))))
            object.add("pending", .object(next))
        }
        if let error = status.failingLines[output.name] { object.add("line_error", .string(error)) }
        return object
    }

    static func lastReload(_ status: ControllerStatus) -> JSONValue {
        guard let reload = status.lastReload else { return .null }
        var object = JSONObject()
        switch reload {
        case .applied(let summary, let at):
            object.add("result", .string("applied"))
            object.add("at", .string(LocalTimestamp.iso8601(wall(at, in: status))))
            object.add("summary", .string(summary.description))
            object.add("warnings", .array(summary.warnings.map(JSONValue.string)))
        case .refused(let problems, let at):
            object.add("result", .string("refused"))
            object.add("at", .string(LocalTimestamp.iso8601(wall(at, in: status))))
            object.add("problems", .array(problems.map(JSONValue.string)))
        }
        return .object(object)
    }

    /// `ok`, `waiting`, `lost` or `line-failed`.
    public static func signal(_ meter: MeterStatus) -> String {
        if case .failed = meter.link.condition { return "line-failed" }
        if meter.signalLost { return "lost" }
        return meter.lastValidGroup == nil ? "waiting" : "ok"
    }

    /// The wall clock at controller time `at`, from the status's own pair of times.
    static func wall(_ at: Duration, in status: ControllerStatus) -> WallTime {
        status.time.advanced(by: at - status.at)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
