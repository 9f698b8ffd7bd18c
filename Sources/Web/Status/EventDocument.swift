import Controller
import NIOCore

/// The SSE messages for events: `event: switch` `{"output", "from", "to", "reason", "reason_kind",
/// "time"}` and `event: signal` `{"meter", "signal": "lost"|"back"|"line", "text", "time"}`. Other
/// logged events are not streamed (the status carries their effect).
enum EventDocument {
    static func message(_ event: LoggedEvent) -> ByteBuffer? {
        var object = JSONObject()
        switch event.kind {
        case .switched(let change):
            object.add("output", .string(change.output))
            object.add("from", .string(change.from.rawValue))
            object.add("to", .string(change.to.rawValue))
            object.add("reason", .string(change.reason.description))
            object.add("reason_kind", .string(change.reason.kind))
            object.add("time", .string(LocalTimestamp.iso8601(event.time)))
            return SSEHub.message(event: "switch", data: object.line)
        case .signalLost(let meter), .signalBack(let meter), .link(let meter, _):
            object.add("meter", .string(meter))
            let signal = switch event.kind {
            case .signalLost: "lost"
            case .signalBack: "back"
            default: "line"
            }
            object.add("signal", .string(signal))
            object.add("text", .string(event.text(.english)))
            object.add("time", .string(LocalTimestamp.iso8601(event.time)))
            return SSEHub.message(event: "signal", data: object.line)
        default:
            return nil
        }
    }
}
