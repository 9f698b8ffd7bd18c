import Controller
import Prometheus
import Synchronization
import TIC

/// `GET /metrics`: the latest status in the Prometheus text format, through swift-prometheus.
/// Values are taken from the status at each scrape (nothing runs between scrapes).
///
/// Names (`linkyd_` prefix, base units; labels `meter`, `phase`, `output`, `index`, `period`, `color`):
/// `apparent_power_voltamperes`, `apparent_power_per_phase_voltamperes`, `injected_power_voltamperes`,
/// `current_amperes`, `voltage_volts`, `subscribed_power_voltamperes`, `energy_withdrawn_watt_hours_total`,
/// `energy_injected_watt_hours_total`, `supplier_index_watt_hours_total`, `distributor_index_watt_hours_total`
/// (counters), `tariff_period` and `tempo_today` / `tempo_tomorrow` (1 for the one in force, 0 for
/// the others), `ejp_notice`, `ejp_peak`, `overpower`, `signal_lost`, `last_frame_age_seconds`,
/// `decoder_frames_total`, `decoder_checksum_errors_total`, `decoder_malformed_groups_total`,
/// `decoder_interrupted_frames_total`, `output_on`, `output_line_failing`, `shed_loads`.
public final class MetricsExporter: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let state = Mutex(State())

    private struct State {
        /// What each counter was last raised to (counters only go up: they follow the meter's values).
        var counted: [String: Int64] = [:]
    }

    public init() {}

    /// The text format for `status` (nil: only the metrics known so far).
    public func render(_ status: ControllerStatus?) -> [UInt8] {
        if let status { update(status) }
        return registry.emitToBuffer()
    }

    private func update(_ status: ControllerStatus) {
        for meter in status.meters {
            let m = [("meter", meter.name)]
            let s = meter.state
            gauge("linkyd_apparent_power_voltamperes", m, s.apparentPower.map { Double($0.value) }, "Apparent power (PAPP, SINSTS)")
            gauge("linkyd_injected_power_voltamperes", m, s.injectedPower.map { Double($0.value) }, "Injected apparent power (SINSTI)")
            gauge("linkyd_subscribed_power_voltamperes", m, s.subscribedPower.map { Double($0.value) }, "Subscribed power")
            for phase in 1...3 {
                let p = m + [("phase", String(phase))]
                gauge("linkyd_current_amperes", p, s.currents[phase].map { Double($0.value) }, "RMS current per phase (IINST, IRMS)")
                gauge("linkyd_voltage_volts", p, s.voltages[phase].map { Double($0.value) }, "RMS voltage per phase (URMS)")
                if s.apparentPowerPerPhase.hasPolyphase {
                    gauge("linkyd_apparent_power_per_phase_voltamperes", p, s.apparentPowerPerPhase[phase].map { Double($0.value) },
                          "Apparent power per phase (SINSTS1-3)")
                }
            }
            counter("linkyd_energy_withdrawn_watt_hours_total", m, s.totalEnergy?.value, "Total energy withdrawn (EAST, or the sum of the indexes)")
            counter("linkyd_energy_injected_watt_hours_total", m, s.injectedEnergy?.value, "Total energy injected (EAIT)")
            for (index, value) in s.supplierIndexes.enumerated() {
                counter("linkyd_supplier_index_watt_hours_total", m + [("index", String(index + 1))], value?.value,
                        "Supplier index (EASF01-10; historic BASE, HCHC, HCHP, ...)")
            }
            for (index, value) in s.distributorIndexes.enumerated() {
                counter("linkyd_distributor_index_watt_hours_total", m + [("index", String(index + 1))], value?.value, "Distributor index (EASD01-04)")
            }
            if let period = s.period {
                for candidate in TariffPeriod.allCases where candidate == period || known(candidate, meter.name) {
                    gauge("linkyd_tariff_period", m + [("period", candidate.rawValue)], candidate == period ? 1 : 0, "1 for the tariff period in force")
                }
            }
            for (name, color) in [("linkyd_tempo_today", s.tempoToday), ("linkyd_tempo_tomorrow", s.tempoTomorrow)] where color != nil {
                for candidate in TempoColor.allCases {
                    gauge(name, m + [("color", candidate.rawValue)], candidate == color ? 1 : 0, "1 for the Tempo colour announced")
                }
            }
            gauge("linkyd_ejp_notice", m, s.ejpNotice ? 1 : 0, "EJP notice (PEJP)")
            gauge("linkyd_ejp_peak", m, s.ejpPeak ? 1 : 0, "EJP mobile peak in progress")
            gauge("linkyd_overpower", m, s.overpower ? 1 : 0, "Overpower warning (ADPS, STGE)")
            gauge("linkyd_signal_lost", m, meter.signalLost ? 1 : 0, "1 while no valid group came for the signal-loss timeout")
            gauge("linkyd_last_frame_age_seconds", m, meter.age(at: status.at).map(StatusDocument.seconds), "Seconds since the last verified group")
            let st = meter.statistics
            counter("linkyd_decoder_frames_total", m, Int64(st.frames), "Frames decoded")
            counter("linkyd_decoder_checksum_errors_total", m, Int64(st.checksumErrors), "Groups with a wrong checksum")
            counter("linkyd_decoder_malformed_groups_total", m, Int64(st.malformedGroups), "Malformed groups")
            counter("linkyd_decoder_interrupted_frames_total", m, Int64(st.interruptedFrames), "Frames interrupted (EOT or a new STX)")
        }
        for output in status.outputs {
            let o = [("output", output.name)]
            gauge("linkyd_output_on", o, output.state.isOn ? 1 : 0, "1 while the output is on")
            gauge("linkyd_output_line_failing", o, status.failingLines[output.name] == nil ? 0 : 1, "1 while driving the output's line fails")
        }
        gauge("linkyd_shed_loads", [], Double(status.shedLoads.count), "Loads shed now")
    }

    /// Periods a meter has shown before (kept at 0 once left, so a graph shows the switch).
    private func known(_ period: TariffPeriod, _ meter: String) -> Bool {
        state.withLock { $0.counted["period|\(meter)|\(period.rawValue)"] != nil }
    }

    private func gauge(_ name: String, _ labels: [(String, String)], _ value: Double?, _ help: String) {
        guard let value else { return }
        if name == "linkyd_tariff_period", let meter = labels.first?.1, let period = labels.last?.1 {
            state.withLock { $0.counted["period|\(meter)|\(period)"] = 1 }
        }
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        if labels.isEmpty {
            registry.makeGauge(descriptor: descriptor).set(value)
        } else {
            registry.makeGauge(descriptor: descriptor, labels: labels).set(value)
        }
    }

    /// Raises the counter to `value` (a counter cannot go down: a smaller value — another meter, a
    /// reset — restarts it from zero, which Prometheus reads as a counter reset).
    private func counter(_ name: String, _ labels: [(String, String)], _ value: Int?, _ help: String) {
        counter(name, labels, value.map(Int64.init), help)
    }

    private func counter(_ name: String, _ labels: [(String, String)], _ value: Int64?, _ help: String) {
        guard let value else { return }
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        let counter = registry.makeCounter(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
        state.withLock { state in
            let last = state.counted[key] ?? 0
            state.counted[key] = value
            if value < last {
                counter.reset()
                counter.increment(by: value)
            } else if value > last {
                counter.increment(by: value - last)
            }
        }
    }
}
