import TIC

extension Condition {
    /// What a condition is evaluated against, all values: no clock, no I/O.
    public struct Inputs: Sendable {
        /// Each declared meter's state by name (a missing meter makes its tests false).
        public var meters: [String: MeterState]
        public var time: LocalTime
        /// The current state of each output by name.
        public var outputs: [String: OutputState]

        public init(meters: [String: MeterState], time: LocalTime, outputs: [String: OutputState] = [:]) {
            self.meters = meters
            self.time = time
            self.outputs = outputs
        }
    }

    /// Whether a leaf (meter test, time, days, output) holds; nil for `all`/`any`/`not`/`for`.
    public func leafHolds(in inputs: Inputs) -> Bool? {
        switch self {
        case .meter(let test, let meter):
            guard let state = inputs.meters[meter] else { return false }
            return test.holds(in: state)
        case .time(let window): return window.contains(inputs.time)
        case .days(let days): return days.contains(inputs.time.weekday)
        case .output(let name, let state): return inputs.outputs[name] == state
        case .all, .any, .not, .sustained: return nil
        }
    }

    /// Whether the whole condition holds. `for:` needs memory, which the caller keeps: `sustained`
    /// receives the path of the `for:` node (child indexes from the root), whether its inner condition
    /// holds now and the required duration, and answers whether it has held long enough. Every `for:`
    /// node is visited on every call (no short-circuit), so the caller sees each transition.
    public func holds(
        in inputs: Inputs, path: [Int] = [],
        sustained: (_ path: [Int], _ innerHolds: Bool, _ duration: Duration) -> Bool
    ) -> Bool {
        switch self {
        case .meter, .time, .days, .output:
            return leafHolds(in: inputs) ?? false
        case .all(let conditions):
            let results = conditions.enumerated().map { $1.holds(in: inputs, path: path + [$0], sustained: sustained) }
            return results.allSatisfy { $0 }
        case .any(let conditions):
            let results = conditions.enumerated().map { $1.holds(in: inputs, path: path + [$0], sustained: sustained) }
            return results.contains(true)
        case .not(let condition):
            return !condition.holds(in: inputs, path: path + [0], sustained: sustained)
        case .sustained(let condition, let duration):
            let inner = condition.holds(in: inputs, path: path + [0], sustained: sustained)
            return sustained(path, inner, duration)
        }
    }
}
