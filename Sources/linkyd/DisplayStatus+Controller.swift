import Controller
import Display
import TIC

extension DisplayStatus {
    /// What the OLED shows, from the controller's state: each meter with its signal, each output with
    /// its state and the kind of its reason, the last reload error.
    init(rules: RuleSet, readings: [String: MeterReading], decision: Decision?, reloadError: String?,
         now: Duration, local: LocalTime) {
        let lost = Set(decision?.lostMeters ?? [])
        let meters = rules.meters.map { meter -> Meter in
            let reading = readings[meter.name] ?? MeterReading()
            let signal: Signal
            if lost.contains(meter.name) {
                signal = reading.lastValidGroup.map { .lost(since: now - $0) } ?? .waiting
            } else {
                signal = reading.lastValidGroup == nil ? .waiting : .ok
            }
            return Meter(name: meter.name, state: reading.state, signal: signal)
        }
        let outputs = (decision?.outputs ?? []).map { status -> Output in
            let reason: Reason = switch status.reason {
            case .rule, .initial: .rule
            case .shedding: .shedding
            case .failsafe: .failsafe
            }
            return Output(name: status.name, isOn: status.state.isOn, reason: reason)
        }
        self.init(meters: meters, outputs: outputs, reloadError: reloadError,
                  localTime: TimeOfDay(hour: local.minuteOfDay / 60, minute: local.minuteOfDay % 60))
    }
}

extension DisplayConfig {
    var settings: DisplaySettings {
        DisplaySettings(
            rotated180: rotated180, contrast: UInt8(clamping: contrast),
            night: night.map {
                DisplaySettings.NightDimming(
                    from: TimeOfDay(hour: $0.window.start / 60, minute: $0.window.start % 60),
                    to: TimeOfDay(hour: $0.window.end / 60, minute: $0.window.end % 60),
                    contrast: UInt8(clamping: $0.contrast))
            },
            pixelShiftInterval: pixelShift.map { max(1, Int($0.components.seconds / 60)) })
    }

    var panelSize: PanelSize { size == .wide ? .size128x64 : .size128x32 }
}
