import Display
import TIC

/// The screens kept as golden ASCII files (Golden/NAME.txt): every state, both sizes. Meter states
/// are written by hand, field by field, so each case says what it shows.
struct GoldenScreen: Sendable, CustomStringConvertible {
    var name: String
    var size: PanelSize
    var status: DisplayStatus
    var settings = DisplaySettings(pixelShiftInterval: nil)
    var cycle = RenderCycle()

    func render() -> Framebuffer { Dashboard.render(status, size: size, settings: settings, cycle: cycle) }
    var description: String { name }
}

enum GoldenScreens {
    static let evening = TimeOfDay(hour: 19, minute: 42)

    /// Historic Tempo, blue day in peak hours, red announced for tomorrow, 9 kVA (45 A).
    static var tempo: MeterState {
        var state = MeterState()
        state.mode = .historic
        state.tariffOptionText = "BBR("
        state.historicPeriod = .hpBlue
        state.historicTomorrow = .red
        state.apparentPower = VoltAmperes(2345)
        state.subscribedCurrent = Amperes(45)
        return state
    }

    /// Standard-mode producer: 3 kVA withdrawn at night is replaced by 1 230 VA injected.
    static var producer: MeterState {
        var state = MeterState()
        state.mode = .standard
        state.tariffOptionText = "BASE"
        state.apparentPower = VoltAmperes(310)
        state.injectedPower = VoltAmperes(1230)
        state.referencePower = VoltAmperes(6000)
        return state
    }

    /// Historic EJP, normal day.
    static var ejp: MeterState {
        var state = MeterState()
        state.mode = .historic
        state.tariffOptionText = "EJP."
        state.historicPeriod = .hn
        state.apparentPower = VoltAmperes(4120)
        state.subscribedCurrent = Amperes(60)
        return state
    }

    /// Historic off-peak contract (HC..), peak hours.
    static var offPeak: MeterState {
        var state = MeterState()
        state.mode = .historic
        state.tariffOptionText = "HC.."
        state.historicPeriod = .hp
        state.apparentPower = VoltAmperes(12_870)
        state.subscribedCurrent = Amperes(60)
        return state
    }

    static let outputs = [
        DisplayStatus.Output(name: "chauffe-eau", isOn: true),
        DisplayStatus.Output(name: "radiateurs", isOn: false),
        DisplayStatus.Output(name: "pompe", isOn: true),
    ]

    static func one(_ state: MeterState, signal: DisplayStatus.Signal = .ok, outputs: [DisplayStatus.Output] = outputs,
                    reloadError: String? = nil) -> DisplayStatus {
        DisplayStatus(meters: [.init(name: "maison", state: state, signal: signal)], outputs: outputs,
                      reloadError: reloadError, localTime: evening)
    }

    static var threeMeters: DisplayStatus {
        DisplayStatus(
            meters: [.init(name: "maison", state: tempo), .init(name: "atelier", state: offPeak), .init(name: "solaire", state: producer)],
            outputs: outputs, localTime: evening)
    }

    static var cases: [GoldenScreen] {
        var ejpNotice = ejp
        ejpNotice.ejpNoticeMinutes = 30
        var ejpPeak = ejp
        ejpPeak.historicPeriod = .pm
        var tempoRed = tempo
        tempoRed.historicPeriod = .hpRed
        tempoRed.historicTomorrow = .white
        var overpower = tempo
        overpower.apparentPower = VoltAmperes(9870)
        overpower.overSubscriptionCurrent = Amperes(49)
        let shed = [DisplayStatus.Output(name: "chauffe-eau", isOn: false, reason: .shedding),
                    DisplayStatus.Output(name: "radiateurs", isOn: false, reason: .shedding),
                    DisplayStatus.Output(name: "pompe", isOn: true)]
        let failsafe = outputs.map { DisplayStatus.Output(name: $0.name, isOn: false, reason: .failsafe) }
        let error = "rules.yaml:14:17: error: unknown output 'chauffe_eau'"

        var result: [GoldenScreen] = []
        for size in PanelSize.allCases {
            let suffix = size == .size128x64 ? "-64" : "-32"
            func add(_ name: String, _ status: DisplayStatus, cycle: RenderCycle = RenderCycle(), settings: DisplaySettings? = nil) {
                result.append(GoldenScreen(name: name + suffix, size: size, status: status,
                                           settings: settings ?? DisplaySettings(pixelShiftInterval: nil), cycle: cycle))
            }
            add("normal-tempo", one(tempo))
            add("normal-off-peak", one(offPeak))
            add("normal-ejp", one(ejp))
            add("producer", one(producer))
            add("three-meters", threeMeters)
            add("three-meters-page2", threeMeters, cycle: RenderCycle(page: 1))
            add("ejp-notice", one(ejpNotice))
            add("ejp-notice-flash-off", one(ejpNotice), cycle: RenderCycle(flash: false))
            add("ejp-peak", one(ejpPeak))
            add("tempo-red", one(tempoRed))
            add("overpower", one(overpower, outputs: shed), cycle: RenderCycle(flash: false))
            add("overpower-flash", one(overpower, outputs: shed))
            add("shedding", one(tempo, outputs: shed), cycle: RenderCycle(flash: false))
            add("signal-lost", one(tempo, signal: .lost(since: .seconds(12 * 60 + 5)), outputs: failsafe), cycle: RenderCycle(flash: false))
            add("signal-waiting", one(MeterState(), signal: .waiting, outputs: failsafe), cycle: RenderCycle(flash: false))
            add("reload-error", one(tempo, reloadError: error))
            add("two-alerts-page2", one(ejpPeak, reloadError: error), cycle: RenderCycle(page: 1))
            add("pixel-shift", one(tempo), cycle: RenderCycle(minute: 5), settings: DisplaySettings(pixelShiftInterval: 2))
        }
        return result
    }
}
