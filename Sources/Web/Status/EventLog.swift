import Controller
import Synchronization
import TIC

/// The recent events, in memory: a ring of at most ``capacity`` (the oldest go first). Older ones
/// come with the history (its own database); this is what `/events` shows meanwhile.
///
/// Fed by one task (``record(_:)``); read from any request. Also keeps each meter's last period and
/// Tempo colour, to log their changes.
public final class EventLog: Sendable {
    public let capacity: Int
    private let state: Mutex<State>

    private struct State {
        var ring: [LoggedEvent] = []
        var next = 0
        var periods: [String: TariffPeriod] = [:]
        var tomorrow: [String: TempoColor] = [:]
        var notice: [String: Bool] = [:]
    }

    public init(capacity: Int = 500) {
        self.capacity = max(1, capacity)
        state = Mutex(State())
    }

    /// The events kept, newest first.
    public func recent() -> [LoggedEvent] {
        state.withLock { state in
            guard state.ring.count == capacity else { return state.ring.reversed() }
            return Array((state.ring[state.next...] + state.ring[..<state.next]).reversed())
        }
    }

    /// Logs what `event` means for a household; returns what was logged (nothing for most
    /// `meterChanged`, statistics, harmless link news).
    @discardableResult
    public func record(_ event: ControllerEvent) -> [LoggedEvent] {
        state.withLock { state in
            let kinds = Self.kinds(of: event, &state)
            for kind in kinds { append(LoggedEvent(time: event.time, kind: kind), &state) }
            return kinds.map { LoggedEvent(time: event.time, kind: $0) }
        }
    }

    /// Notes that `count` events were lost by the web server's subscription.
    public func recordMissed(_ count: Int, at time: WallTime) {
        state.withLock { append(LoggedEvent(time: time, kind: .missed(count)), &$0) }
    }

    private func append(_ event: LoggedEvent, _ state: inout State) {
        if state.ring.count < capacity {
            state.ring.append(event)
        } else {
            state.ring[state.next] = event
            state.next = (state.next + 1) % capacity
        }
    }

    private static func kinds(of event: ControllerEvent, _ state: inout State) -> [LoggedEvent.Kind] {
        switch event.kind {
        case .switched(let change): return [.switched(change)]
        case .meterLost(let meter): return [.signalLost(meter: meter)]
        case .meterBack(let meter): return [.signalBack(meter: meter)]
        case .meterReset(let meter, _, let to): return [.meterReset(meter: meter, to: to.description)]
        case .reloaded(let summary): return [.reloaded(summary)]
        case .reloadRefused(let problems): return [.reloadRefused(problems)]
        case .lineFailed(let output, let error): return [.lineFailed(output: output, error: "\(error)")]
        case .lineRecovered(let output): return [.lineRecovered(output: output)]
        case .link(let meter, let link): return link.isProblem ? [.link(meter: meter, link.description)] : []
        case .statistics, .valueChanged: return []
        case .stopped: return [.stopped]
        case .meterChanged(let meter, let meterState, _):
            var kinds: [LoggedEvent.Kind] = []
            if let period = meterState.period, state.periods[meter] != period {
                if state.periods[meter] != nil { kinds.append(.period(meter: meter, from: state.periods[meter], to: period)) }
                state.periods[meter] = period
            }
            if let color = meterState.tempoTomorrow, state.tomorrow[meter] != color {
                kinds.append(.tempoTomorrow(meter: meter, color))
                state.tomorrow[meter] = color
            }
            if meterState.ejpNotice != (state.notice[meter] ?? false) {
                if meterState.ejpNotice { kinds.append(.ejpNotice(meter: meter)) }
                state.notice[meter] = meterState.ejpNotice
            }
            return kinds
        }
    }
}
