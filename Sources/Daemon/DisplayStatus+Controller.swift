import Controller
import Display
import TIC

extension DisplayStatus {
    /// What the OLED shows, from the controller's status at controller time `now`: each meter with
    /// its signal, each output with its state and the kind of its reason, the last reload error.
    public init(_ status: ControllerStatus, at now: Duration, local: LocalTime) {
        let meters = status.meters.map { meter -> Meter in
            let signal: Signal
            if meter.signalLost {
                signal = meter.lastValidGroup.map { .lost(since: now - $0) } ?? .waiting
            } else {
                signal = meter.lastValidGroup == nil ? .waiting : .ok
            }
            return Meter(name: meter.name, state: meter.state, signal: signal)
        }
        let outputs = status.outputs.map { output -> Output in
            let reason: Reason = switch output.reason {
            case .rule, .initial: .rule
            case .shedding: .shedding
            case .failsafe: .failsafe
            }
            return Output(name: output.name, isOn: output.state.isOn, reason: reason)
        }
        // A line that cannot be driven is an alert of its own (the outputs' state is then not sure).
        let messages = status.failingLines.keys.sorted().map { "sortie \($0) : GPIO en panne" }
        self.init(meters: meters, outputs: outputs, messages: messages, reloadError: status.reloadError,
                  localTime: local.timeOfDay)
    }
}

extension DisplayConfig {
    public var settings: DisplaySettings {
        DisplaySettings(
            rotated180: rotated180, contrast: UInt8(clamping: contrast),
            night: night.map {
                DisplaySettings.NightDimming(window: $0.window, contrast: UInt8(clamping: $0.contrast))
            },
            pixelShiftInterval: pixelShift.map { max(1, Int($0.components.seconds / 60)) })
    }

    public var panelSize: PanelSize { size == .wide ? .size128x64 : .size128x32 }
}
