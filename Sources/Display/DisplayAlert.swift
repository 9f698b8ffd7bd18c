import TIC

/// A situation that takes over the screen, most serious first (``DisplayStatus/alerts``).
public enum DisplayAlert: Sendable, Hashable {
    /// No valid frame from a meter: outputs go to their fail-safe states. `since` nil: never received.
    case signalLost(meter: String, since: Duration?)
    /// The meter warns of overpower (historic ADPS/ADIR, standard STGE bit 7).
    case overpower(meter: String, power: VoltAmperes?, subscribed: VoltAmperes?)
    /// Load shedding has switched these outputs off.
    case shedding(outputs: [String])
    /// An EJP peak day (PTEC `PM..`, STGE pointe mobile).
    case ejpPeak(meter: String)
    /// An EJP notice (PEJP, STGE préavis): `minutes` before the peak when the meter says it.
    case ejpNotice(meter: String, minutes: Int?)
    /// A Tempo red day in peak hours (the most expensive hours of the year).
    case tempoRed(meter: String)
    /// The rules file could not be reloaded; the previous rules stay in force.
    case reloadError(String)
    /// A message from the controller.
    case message(String)

    /// Critical alerts flash the whole screen; the others flash their title banner.
    public var isCritical: Bool {
        switch self {
        case .signalLost, .overpower, .shedding: true
        default: false
        }
    }
}

extension DisplayStatus {
    /// Every alert in force, most serious first: signal lost, overpower, shedding, EJP peak, Tempo red
    /// (peak hours), EJP notice, reload error, controller messages. Overpower and shedding together
    /// make one overpower alert that names the shed outputs' count in its detail.
    public var alerts: [DisplayAlert] {
        var signal: [DisplayAlert] = [], power: [DisplayAlert] = [], tariff: [DisplayAlert] = [], notices: [DisplayAlert] = []
        for meter in meters {
            switch meter.signal {
            case .ok: break
            case .waiting: signal.append(.signalLost(meter: meter.name, since: nil))
            case .lost(let since): signal.append(.signalLost(meter: meter.name, since: since))
            }
            guard meter.signal.isOK else { continue }
            let state = meter.state
            if state.overpower {
                power.append(.overpower(meter: meter.name, power: state.apparentPower, subscribed: state.subscribedPower))
            }
            if state.ejpPeak {
                tariff.append(.ejpPeak(meter: meter.name))
            } else if state.period == .hpRed || (state.tempoToday == .red && state.period?.isOffPeak == false) {
                tariff.append(.tempoRed(meter: meter.name))
            } else if state.ejpNotice {
                notices.append(.ejpNotice(meter: meter.name, minutes: state.ejpNoticeMinutes))
            }
        }
        let shed = shedOutputs.map(\.name)
        if !shed.isEmpty { power.append(.shedding(outputs: shed)) }
        var result = signal + power + tariff + notices
        if let reloadError { result.append(.reloadError(reloadError)) }
        result += messages.map { .message($0) }
        return result
    }
}
