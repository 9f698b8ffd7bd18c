import TIC

/// Moved from Sources/linkyd (issue 11) so exporters print the same keys as `linkyd decode --json`
/// (Tests/LinkydTests/DecodeOutputTests.swift pins them).
extension MeterState {
    /// The JSON object `linkyd decode --json` prints per frame. The keys of the contract come
    /// first, in its order; more follow.
    public func jsonObject(frame: Int, complete: Bool) -> JSONObject {
        var o = JSONObject()
        o.add("frame", .int(frame))
        o.add("mode", .optional(mode?.rawValue))
        o.add("meter", .optional(address))
        o.add("phases", .int(phases))
        o.add("period", .optional(period?.rawValue))
        o.add("tempo_today", .optional(tempoToday?.rawValue))
        o.add("tempo_tomorrow", .optional(tempoTomorrow?.rawValue))
        o.add("ejp_notice", .bool(ejpNotice))
        o.add("ejp_peak", .bool(ejpPeak))
        o.add("overpower", .bool(overpower))
        o.add("relays", relays.map { .array($0.states.map(JSONValue.bool)) } ?? .null)
        o.add("apparent_power_va", .optional(apparentPower?.value))
        o.add("injected_power_va", .optional(injectedPower?.value))
        o.add("currents_a", .array(currents.present.map { .int($0.value) }))
        o.add("energy_total_wh", .optional(totalEnergy?.value))
        o.add("complete", .bool(complete))
        o.add("tariff_option", .optional(tariffOption?.rawValue))
        o.add("supplier_index", .optional(supplierIndexNumber ?? status?.supplierIndex))
        o.add("subscribed_power_va", .optional(subscribedPower?.value))
        o.add("voltages_v", .array(voltages.present.map { .int($0.value) }))
        o.add("apparent_power_per_phase_va", .array(apparentPowerPerPhase.present.map { .int($0.value) }))
        o.add("energy_injected_wh", .optional(injectedEnergy?.value))
        o.add("supplier_indexes_wh", .array(supplierIndexes.map { .optional($0?.value) }))
        o.add("dry_contact_closed", dryContactClosed.map(JSONValue.bool) ?? .null)
        o.add("stge", .optional(status.map { hex8($0.rawValue) }))
        o.add("clock", .optional(clock?.iso8601))
        o.add("clock_degraded", clock.map { .bool($0.season.isDegraded) } ?? .null)
        o.add("message", .optional(message1))
        return o
    }

    private func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
