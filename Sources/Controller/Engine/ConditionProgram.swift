import TIC

/// One `when:` condition compiled for the engine: a flat list of operations in prefix order, every
/// name resolved to an index, every `for:` node given a numbered slot.
///
/// An `all`/`any` operation is followed by its children and records where they end; `not` and
/// `for:` are followed by their one child. Evaluation walks the list once, without allocating:
/// meters are read by index from the caller's readings, outputs' states by index from the engine's
/// own array, and each `for:` node reads and writes its own slot of the engine's `sustained` array.
struct ConditionProgram: Sendable {
    enum Operation: Sendable {
        /// A meter test, bound to its arguments (``MeterTest/evaluation``), on meter `index`.
        case meter(Int, MeterTest.Evaluation)
        case time(TimeWindow)
        /// Bit `isoNumber` is set for each day.
        case days(UInt8)
        case output(Int, is: OutputState)
        /// A name the rule set does not declare (only a hand-built ``RuleSet`` has one): false, as a
        /// test on a meter that has sent nothing.
        case never
        /// Children from the next operation to `end` (excluded).
        case all(end: Int)
        case any(end: Int)
        case not
        /// `for:`: the child has held since the time in `sustained[slot]`, for at least `duration`.
        case sustained(slot: Int, duration: Duration)
    }

    /// In prefix order; never empty.
    private(set) var operations: [Operation] = []
    /// The meters its tests read (indices).
    private(set) var meters: Set<Int> = []
    /// Whether a test names a meter, declared or not.
    private(set) var readsMeters = false

    /// Lowers `condition`. `slots` is the next free `for:` slot, advanced past the ones used here.
    init(_ condition: Condition, meters meterIndex: [String: Int], outputs outputIndex: [String: Int], slots: inout Int) {
        append(condition, meterIndex, outputIndex, &slots)
    }

    private mutating func append(_ condition: Condition, _ meterIndex: [String: Int], _ outputIndex: [String: Int], _ slots: inout Int) {
        switch condition {
        case .meter(let test, let name):
            readsMeters = true
            if let index = meterIndex[name] {
                meters.insert(index)
                operations.append(.meter(index, test.evaluation))
            } else {
                operations.append(.never)
            }
        case .time(let window): operations.append(.time(window))
        case .days(let days): operations.append(.days(days.reduce(0) { $0 | 1 << UInt8($1.isoNumber) }))
        case .output(let name, let state):
            operations.append(outputIndex[name].map { .output($0, is: state) } ?? .never)
        case .all(let children), .any(let children):
            let start = operations.count
            operations.append(.never)
            for child in children { append(child, meterIndex, outputIndex, &slots) }
            let end = operations.count
            if case .all = condition { operations[start] = .all(end: end) } else { operations[start] = .any(end: end) }
        case .not(let child):
            operations.append(.not)
            append(child, meterIndex, outputIndex, &slots)
        case .sustained(let child, let duration):
            operations.append(.sustained(slot: slots, duration: duration))
            slots += 1
            append(child, meterIndex, outputIndex, &slots)
        }
    }

    /// Whether the condition holds. Every `for:` node is visited (no short-circuit), so each sees every
    /// transition of its child: a slot is set when its child starts holding, cleared when it stops.
    func holds(_ inputs: borrowing Inputs, sustained: inout [Duration?]) -> Bool {
        operations.isEmpty ? false : evaluate(0, inputs, &sustained).holds
    }

    /// The operation at `index` and its children: whether it holds, and the index after them.
    private func evaluate(_ index: Int, _ inputs: borrowing Inputs, _ sustained: inout [Duration?]) -> (holds: Bool, next: Int) {
        switch operations[index] {
        case .meter(let meter, let evaluation):
            return (inputs.hasMeter(meter) && evaluation(inputs.meters[meter].state), index + 1)
        case .time(let window):
            return (window.contains(minuteOfDay: inputs.time.minuteOfDay), index + 1)
        case .days(let mask):
            return (mask & 1 << UInt8(inputs.time.weekday.isoNumber) != 0, index + 1)
        case .output(let output, let state):
            return (output < inputs.outputs.count && inputs.outputs[output] == state, index + 1)
        case .never:
            return (false, index + 1)
        case .all(let end), .any(let end):
            let all = if case .all = operations[index] { true } else { false }
            var result = all
            var child = index + 1
            while child < end {
                let (holds, next) = evaluate(child, inputs, &sustained)
                result = all ? result && holds : result || holds
                child = next
            }
            return (result, end)
        case .not:
            let (holds, next) = evaluate(index + 1, inputs, &sustained)
            return (!holds, next)
        case .sustained(let slot, let duration):
            let (inner, next) = evaluate(index + 1, inputs, &sustained)
            guard inner else {
                sustained[slot] = nil
                return (false, next)
            }
            let since = sustained[slot] ?? inputs.now
            sustained[slot] = since
            return (inputs.now - since >= duration, next)
        }
    }

    /// What one evaluation reads: values only, no clock.
    struct Inputs: ~Copyable {
        /// `meters[i]` is the reading of meter `i` (valid during the evaluation).
        var meters: UnsafeBufferPointer<MeterReading>
        /// Empty, or `missing[i]` when meter `i` has no reading at all (its tests are false).
        var missing: [Bool]
        var time: LocalTime
        /// `outputs[i]` is output `i`'s state before this evaluation.
        var outputs: [OutputState]
        var now: Duration

        func hasMeter(_ index: Int) -> Bool {
            index < meters.count && (missing.isEmpty || !missing[index])
        }
    }
}
