import TIC

extension MeterTest {
    /// A test bound to its arguments, ready to run on a meter's state. Pure: reads only the state.
    typealias Evaluation = @Sendable (borrowing MeterState) -> Bool

    /// This test's evaluation, from its ``ConditionKind`` (bound once, when rules are compiled for
    /// the engine; calling it allocates nothing).
    ///
    /// A value the meter has not sent (no `RELAIS`, no `SINSTI`, a percentage before the subscribed
    /// power is known) makes the test false, so `not:` of it is true: write rules so that "unknown"
    /// is the harmless side.
    var evaluation: Evaluation {
        if let evaluation = ConditionKind.kind(of: self)?.evaluation { return evaluation }
        return { _ in false }
    }

    /// Whether the test holds for a meter's state (see ``evaluation``; this binds it on every call).
    public func holds(in state: MeterState) -> Bool { evaluation(state) }
}

extension Bounds {
    /// Whether `value` lies within the bounds, each level resolved to the value's unit by `resolve`.
    /// An unknown value, or a level that cannot be resolved (a percentage before the subscription is
    /// known), makes it false.
    func contain<Value: Comparable>(_ value: Value?, resolve: (Level) -> Value?) -> Bool {
        guard let value else { return false }
        if let above {
            guard let threshold = resolve(above), value > threshold else { return false }
        }
        if let below {
            guard let threshold = resolve(below), value < threshold else { return false }
        }
        return true
    }
}

extension MeterState {
    /// The subscribed current of one phase: historic `ISOUSC`, else `PREF` / 200 V / phases
    /// ([S54] p.15-16).
    var subscribedCurrentPerPhase: Amperes? {
        if let subscribedCurrent { return subscribedCurrent }
        return referencePower.map { Amperes($0.value / 200 / max(1, phases)) }
    }
}
