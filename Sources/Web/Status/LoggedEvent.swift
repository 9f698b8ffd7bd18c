import Controller
import HAL
import TIC

/// One line of the events page (`/events`): what a household wants to read back — switches, tariff
/// changes, signal losses, reloads, failing lines — with the wall-clock time it happened.
public struct LoggedEvent: Sendable {
    public enum Kind: Sendable {
        case switched(OutputChange)
        case signalLost(meter: String)
        case signalBack(meter: String)
        case period(meter: String, from: TariffPeriod?, to: TariffPeriod?)
        case tempoTomorrow(meter: String, TempoColor)
        case ejpNotice(meter: String)
        case reloaded(ReloadSummary)
        case reloadRefused([String])
        case lineFailed(output: String, error: String)
        case lineRecovered(output: String)
        case meterReset(meter: String, to: String)
        /// A serial-line problem (``LinkEvent/isProblem``), in English as the journal has it.
        case link(meter: String, String)
        /// The web server fell behind the controller and lost this many events (never the controller).
        case missed(Int)
        case stopped
    }

    public var time: WallTime
    public var kind: Kind

    /// `switch`, `signal`, `tariff`, `reload`, `line`, `meter`, `web` or `stop`: the CSS class and the
    /// SSE event name family.
    public var category: String {
        switch kind {
        case .switched: "switch"
        case .signalLost, .signalBack, .link: "signal"
        case .period, .tempoTomorrow, .ejpNotice: "tariff"
        case .reloaded, .reloadRefused: "reload"
        case .lineFailed, .lineRecovered: "line"
        case .meterReset: "meter"
        case .missed: "web"
        case .stopped: "stop"
        }
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        let fr = language == .french
        switch kind {
        case .switched(let change):
            return "\(change.output) → \(change.to.rawValue.uppercased()) (\(change.reason))"
        case .signalLost(let meter): return fr ? "\(meter) : signal perdu, sorties en état de sécurité" : "\(meter): signal lost, outputs fail-safe"
        case .signalBack(let meter): return fr ? "\(meter) : signal revenu" : "\(meter): signal back"
        case .period(let meter, let from, let to):
            let a = from.map { Strings.period($0, language) } ?? "—", b = to.map { Strings.period($0, language) } ?? "—"
            return fr ? "\(meter) : période \(a) → \(b)" : "\(meter): period \(a) → \(b)"
        case .tempoTomorrow(let meter, let color):
            return fr ? "\(meter) : Tempo demain \(Strings.tempo(color, language))" : "\(meter): Tempo tomorrow \(Strings.tempo(color, language))"
        case .ejpNotice(let meter): return fr ? "\(meter) : préavis EJP" : "\(meter): EJP notice"
        case .reloaded(let summary): return (fr ? "règles rechargées : " : "rules reloaded: ") + summary.description
        case .reloadRefused(let problems): return (fr ? "rechargement refusé : " : "reload refused: ") + problems.joined(separator: "; ")
        case .lineFailed(let output, let error): return (fr ? "\(output) : ligne en échec : " : "\(output): line failed: ") + error
        case .lineRecovered(let output): return fr ? "\(output) : ligne rétablie" : "\(output): line works again"
        case .meterReset(let meter, let to): return (fr ? "\(meter) : nouveau compteur " : "\(meter): new meter ") + to
        case .link(let meter, let text): return "\(meter): \(text)"
        case .missed(let count): return fr ? "\(count) événements non enregistrés (page en retard)" : "\(count) events not logged (the page fell behind)"
        case .stopped: return fr ? "linkyd arrêté, sorties en état de sécurité" : "linkyd stopped, outputs fail-safe"
        }
    }
}
