import TIC

/// One key a condition mapping accepts for a leaf (everything but `all`, `any`, `not`, `for` and
/// `meter`): how the compiler reads the value written under it and, for a meter test, how the engine
/// evaluates it.
///
/// ``all`` is the one list of these keys. The compiler takes from it the keys a condition accepts
/// (and so its did-you-mean suggestions) and how to parse each; ``MeterTest/key`` and
/// ``MeterTest/evaluation`` read it too, and the engine's compiled conditions call the evaluation it
/// binds. Adding a condition kind means adding a ``MeterTest`` case and one entry here.
struct ConditionKind: Sendable {
    /// How a leaf of this kind is read and evaluated.
    enum Reading: Sendable {
        /// A test on one meter's state: `parse` reads the value (reporting problems through the
        /// compiler, nil when it is wrong); `bind` answers the evaluation of a test of this kind, or nil
        /// for a test of another kind.
        case meter(
            parse: @Sendable (inout RulesCompiler, Entry) -> MeterTest?,
            bind: @Sendable (MeterTest) -> MeterTest.Evaluation?)
        /// A leaf that reads no meter (`time`, `days`, `output`): `parse` gives the condition, which the
        /// engine's ``ConditionProgram`` evaluates against the local time or the outputs' states.
        case other(parse: @Sendable (inout RulesCompiler, Entry) -> Condition?)
    }

    /// The key rules files write (`period`, `relay-2`…).
    let key: String
    /// A valid value, written as in a rules file (flow style): `hp-red`, `{ above: 6 kVA }`.
    let example: String
    let reading: Reading

    /// A meter test kind.
    static func meter(
        _ key: String, example: String,
        parse: @escaping @Sendable (inout RulesCompiler, Entry) -> MeterTest?,
        bind: @escaping @Sendable (MeterTest) -> MeterTest.Evaluation?
    ) -> ConditionKind {
        ConditionKind(key: key, example: example, reading: .meter(parse: parse, bind: bind))
    }

    /// A leaf that reads no meter.
    static func other(
        _ key: String, example: String, parse: @escaping @Sendable (inout RulesCompiler, Entry) -> Condition?
    ) -> ConditionKind {
        ConditionKind(key: key, example: example, reading: .other(parse: parse))
    }

    /// Every kind by key.
    static let byKey: [String: ConditionKind] = Dictionary(all.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })

    /// The kind of a meter test, with the test's evaluation.
    static func kind(of test: MeterTest) -> (kind: ConditionKind, evaluation: MeterTest.Evaluation)? {
        for kind in all {
            if case .meter(_, let bind) = kind.reading, let evaluation = bind(test) { return (kind, evaluation) }
        }
        return nil
    }
}
