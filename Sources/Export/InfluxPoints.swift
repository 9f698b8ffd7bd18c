import History

/// The history's rows as InfluxDB points (README, "InfluxDB"): what is written, with which tags,
/// fields and timestamps. Pure.
///
/// - `<prefix>_power`, one point per meter and UTC minute (`power_minute`), at the minute's start:
///   tags `meter` (its name in the rules file) and `address` (ADCO/ADSC); integer fields `samples`
///   and the history's columns (`p_mean`, `p_min`, `p_max` in VA, per phase `p1_mean`…, injected
///   `inj_mean`…, `inj_est_mean`, currents `i1_mean_da`… in dA, voltages `u1_min`… in V); a value the
///   meter does not send is left out.
/// - `<prefix>_energy`, one point per index snapshot (every 15 min, at each period change, at start
///   and stop), at the snapshot's millisecond: the same tags; integer fields named after the standard
///   labels in lower case (`easf01`…`easf10`, `easd01`…`easd04`, `east`, `eait`, `erq1`…`erq4`, in
///   Wh, VArh for ERQ; historic `BASE`/`HCHC`/`HCHP`/`BBRH*`/`EJPH*` are `easf01`… in contract order)
///   and the string field `period` (`hc`, `hp-blue`…). Only indexes that passed the history's
///   plausibility gate exist in the history, so none goes backwards.
///
/// A point is identified by measurement, tags and timestamp: writing the same row twice overwrites
/// it with the same values, so a batch repeated after a crash never counts twice.
public struct InfluxPoints: Sendable {
    public let powerMeasurement: String
    public let energyMeasurement: String
    static let indexFields = EnergyIndex.allCases.map { $0.label.lowercased() }
    static let powerFields = HistorySchema.exportedPowerColumns

    public init(powerMeasurement: String = "linky_power", energyMeasurement: String = "linky_energy") {
        self.powerMeasurement = powerMeasurement
        self.energyMeasurement = energyMeasurement
    }

    public func line(_ minute: ExportedPower) -> String? {
        var fields: [(String, InfluxLineProtocol.FieldValue?)] = [("samples", .integer(minute.row.samples))]
        for (name, value) in zip(Self.powerFields, minute.row.values) { fields.append((name, value.map { .integer($0) })) }
        return InfluxLineProtocol.line(measurement: powerMeasurement, tags: [("meter", minute.meter), ("address", minute.address)],
                                       fields: fields, milliseconds: minute.row.time * 60_000)
    }

    public func line(_ snapshot: ExportedSnapshot) -> String? {
        var fields: [(String, InfluxLineProtocol.FieldValue?)] = []
        for (name, value) in zip(Self.indexFields, snapshot.row.values) { fields.append((name, value.map { .integer($0) })) }
        fields.append(("period", snapshot.row.period.map { .string($0) }))
        return InfluxLineProtocol.line(measurement: energyMeasurement, tags: [("meter", snapshot.meter), ("address", snapshot.address)],
                                       fields: fields, milliseconds: snapshot.row.time)
    }
}
