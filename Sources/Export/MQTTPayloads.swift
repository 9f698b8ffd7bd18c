import Controller
import History
import TIC

/// The JSON payloads of ``MQTTTopics`` (pure).
enum MQTTPayloads {
    /// `<prefix>/<meter>/state`: `linkyd decode --json`'s keys, with the indexes replaced by the last
    /// snapshot the history accepted (nil before the first), then `signal_lost` and `age_s`. Returns
    /// the payload and the same without `age_s` (what "changed" compares).
    static func state(_ meter: MeterStatus, snapshot: [Int?]?, now: Duration) -> (payload: String, key: String) {
        var o = meter.state.jsonObject(frame: meter.statistics.frames, complete: true)
        let supplier = snapshot.map { Array($0[0..<10]) } ?? Array(repeating: nil, count: 10)
        let total = snapshot?[EnergyIndex.east.rawValue]
            ?? (supplier.contains { $0 != nil } ? supplier.compactMap { $0 }.reduce(0, +) : nil)
        o.set("energy_total_wh", .optional(total))
        o.set("energy_injected_wh", .optional(snapshot?[EnergyIndex.eait.rawValue]))
        o.set("supplier_indexes_wh", .array(supplier.map { .optional($0) }))
        o.add("signal_lost", .bool(meter.signalLost))
        let key = o.line
        let age = meter.age(at: now).map { Int($0.components.seconds) }
        o.add("age_s", .optional(age))
        return (o.line, key)
    }

    /// `<prefix>/<meter>/power`.
    static func power(_ state: MeterState) -> String {
        var o = JSONObject()
        o.add("apparent_power_va", .optional(state.apparentPower?.value))
        o.add("injected_power_va", .optional(state.injectedPower?.value))
        o.add("currents_a", .array(state.currents.present.map { .int($0.value) }))
        o.add("voltages_v", .array(state.voltages.present.map { .int($0.value) }))
        o.add("apparent_power_per_phase_va", .array(state.apparentPowerPerPhase.present.map { .int($0.value) }))
        return o.line
    }

    /// `<prefix>/<meter>/energy`: one snapshot, indexes by label.
    static func energy(_ snapshot: ExportedSnapshot) -> String {
        var indexes = JSONObject()
        for index in EnergyIndex.allCases {
            guard let value = snapshot.row.values[index.rawValue] else { continue }
            indexes.add(index.label, .int(value))
        }
        var o = JSONObject()
        o.add("id", .int(Int(snapshot.id)))
        o.add("t", .int(Int(snapshot.row.time)))
        o.add("meter", .string(snapshot.address))
        o.add("period", .optional(snapshot.row.period))
        o.add("indexes", .object(indexes))
        return o.line
    }

    /// `<prefix>/<meter>/event`: `id` lets a consumer that reconnects tell a repeat from a new one.
    static func event(_ event: ExportedEvent) -> String {
        var o = JSONObject()
        o.add("id", .int(Int(event.id)))
        o.add("t", .int(Int(event.row.time)))
        o.add("meter", .optional(event.row.meter))
        o.add("kind", .string(event.row.kind))
        o.add("detail", .string(event.row.detail))
        return o.line
    }

    /// `<prefix>/output/<name>`.
    static func output(_ output: OutputStatus) -> String {
        var o = JSONObject()
        o.add("state", .string(output.state.rawValue))
        o.add("reason", .string(output.reason.description))
        return o.line
    }
}
