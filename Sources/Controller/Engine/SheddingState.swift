import TIC

/// Load shedding's memory (README, "Shedding"): which loads are shed, in order, and its timers.
///
/// Above the limit (or while the meter warns of overpower), the next load that is on is shed, then
/// one more every `delay` while it stays above. Once the power has stayed below `release` for
/// `restore-after`, the last shed load comes back, then one more every `delay`. Between release and
/// limit nothing moves (hysteresis). While the meter's signal is lost nothing moves either: the
/// outputs are in their fail-safe states anyway.
struct SheddingState: Sendable, Hashable {
    /// Loads shed now, in the order they were shed (restored from the end).
    var shed: [String] = []
    private var lastStep: Duration?
    private var belowReleaseSince: Duration?
    /// Why the last load was shed.
    private(set) var cause: Reason.SheddingCause?

    mutating func step(
        _ plan: Shedding, reading: MeterState?, frozen: Bool, wanted: [String: OutputState], at now: Duration
    ) {
        guard !frozen, let state = reading else { return }
        let subscribed = state.subscribedPower
        guard let limit = plan.limit.resolved(subscribed: subscribed),
              let release = plan.release.resolved(subscribed: subscribed) else { return }
        let power = state.apparentPower
        let stepAllowed = lastStep.map { now - $0 >= plan.delay } ?? true
        let aboveLimit = power.map { $0 > limit } ?? false
        if state.overpower || aboveLimit {
            belowReleaseSince = nil
            guard stepAllowed else { return }
            if let next = plan.loads.first(where: { !shed.contains($0) && wanted[$0] == .on }) {
                shed.append(next)
                lastStep = now
                cause = aboveLimit ? .above(limit: limit) : .overpowerWarning
            }
        } else if let power, power < release {
            let since = belowReleaseSince ?? now
            belowReleaseSince = since
            guard !shed.isEmpty, now - since >= plan.restoreAfter, stepAllowed else { return }
            shed.removeLast()
            lastStep = now
        } else {
            belowReleaseSince = nil
        }
    }
}
