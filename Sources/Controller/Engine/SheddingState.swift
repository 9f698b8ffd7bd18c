import TIC

/// Load shedding's memory (README, "Shedding"): which loads are shed, in order, and its timers.
///
/// Above the limit (or while the meter warns of overpower), the next load that is on is shed, then
/// one more every `delay` while it stays above. Once the power has stayed below `release` for
/// `restore-after`, the last shed load comes back, then one more every `delay`. Between release and
/// limit nothing moves (hysteresis). While the meter's signal is lost nothing moves either: the
/// outputs are in their fail-safe states anyway (the caller does not step then).
struct SheddingState: Sendable, Hashable {
    /// Output indices of the loads shed now, in the order they were shed (restored from the end).
    var shed: [Int] = []
    private var lastStep: Duration?
    private var belowReleaseSince: Duration?
    /// Why the last load was shed.
    private(set) var cause: Reason.SheddingCause?

    /// The next time a step could happen on unchanged inputs (a delay between steps ending, the
    /// restore-after running out), if later than `now`.
    func deadline(_ plan: Shedding, loads: Int, after now: Duration) -> Duration? {
        var next: Duration?
        if let lastStep, lastStep + plan.delay > now, shed.count < loads || !shed.isEmpty { next = lastStep + plan.delay }
        if let belowReleaseSince, !shed.isEmpty {
            let restore = belowReleaseSince + plan.restoreAfter
            if restore > now { next = min(next ?? restore, restore) }
        }
        return next
    }

    /// One step on the shedding meter's fresh state (`loads` are the plan's loads by output index;
    /// `wanted[i]` is what the rules want for output `i`). Returns whether ``shed`` changed.
    mutating func step(_ plan: Shedding, loads: [Int], state: borrowing MeterState, wanted: [RuleEngine.Wanted], at now: Duration) -> Bool {
        let subscribed = state.subscribedPower
        guard let limit = plan.limit.resolved(subscribed: subscribed),
              let release = plan.release.resolved(subscribed: subscribed) else { return false }
        let power = state.apparentPower
        let stepAllowed = lastStep.map { now - $0 >= plan.delay } ?? true
        let aboveLimit = power.map { $0 > limit } ?? false
        if state.overpower || aboveLimit {
            belowReleaseSince = nil
            guard stepAllowed else { return false }
            guard let next = loads.first(where: { !shed.contains($0) && wanted[$0].state == .on }) else { return false }
            shed.append(next)
            lastStep = now
            cause = aboveLimit ? .above(limit: limit) : .overpowerWarning
            return true
        } else if let power, power < release {
            let since = belowReleaseSince ?? now
            belowReleaseSince = since
            guard !shed.isEmpty, now - since >= plan.restoreAfter, stepAllowed else { return false }
            shed.removeLast()
            lastStep = now
            return true
        } else {
            belowReleaseSince = nil
            return false
        }
    }

    /// The same memory for renumbered outputs: `index(old)` is the new index of old output `old`, nil
    /// when it is no longer a load (it is then no longer shed).
    func renumbered(_ index: (Int) -> Int?) -> SheddingState {
        var next = self
        next.shed = shed.compactMap(index)
        return next
    }
}
