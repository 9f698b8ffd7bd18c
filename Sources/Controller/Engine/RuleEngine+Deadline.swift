extension RuleEngine {
    /// The earliest controller time after `now` at which an evaluation could decide something new on
    /// the same inputs (same meter states, same local time): a `for:` reaching its duration, a pending
    /// switch allowed by its minimum time, a shedding delay or restore-after running out, a meter's
    /// signal-loss timeout. Nil when only a change of input can change anything.
    ///
    /// `readings` are the ones just evaluated (for the signal-loss timeouts). Callers that evaluate
    /// only when an input changed or this deadline has come get the same decisions as evaluating
    /// every time (the controller core does that, ControllerCoreSkippingTests checks it).
    public func nextDeadline(after now: Duration, readings: [MeterReading]) -> Duration? {
        var next: Duration?
        func consider(_ time: Duration) {
            if time > now { next = min(next ?? time, time) }
        }
        for (slot, since) in sustainedSince.enumerated() {
            if let since { consider(since + program.slotDurations[slot]) }
        }
        for held in held { if let pending = held.pending { consider(pending.allowedAt) } }
        if let plan = program.shedding, let deadline = shedding.deadline(plan.plan, loads: plan.loads.count, after: now) {
            consider(deadline)
        }
        // Lost when strictly more than the timeout has passed: the first instant after it.
        for meter in lost.indices where !lost[meter] {
            let last = meter < readings.count ? readings[meter].lastValidGroup ?? startedAt : startedAt
            consider(last + rules.signalLossTimeout + .nanoseconds(1))
        }
        return next
    }
}
