import TIC

extension RulesCompiler {
    /// Reports the first pair of conditions that must hold together but never can (`all: [{period: hc},
    /// {period: hp}]`): a rule with such a `when:` would never switch anything. Only the obvious cases:
    /// disjoint sets of periods, colours or days, a flag required both true and false, an output both
    /// on and off, time windows that do not overlap, power or current bounds that leave no room.
    mutating func checkSatisfiable(_ compiled: CompiledCondition) {
        let conjuncts = compiled.conjuncts
        for (index, later) in conjuncts.enumerated() {
            for earlier in conjuncts[..<index] where Self.excludes(earlier.condition, later.condition) {
                let line = Self.location(of: earlier.keyNode).line
                error(at: later.keyNode, "this condition can never hold: '\(later.summary)' excludes '\(earlier.summary)' (line \(line))",
                      hint: "both must hold at once here; if either is enough, write any: [ … ]")
                return
            }
        }
    }

    /// Whether two conditions can never hold at the same time.
    static func excludes(_ a: Condition, _ b: Condition) -> Bool {
        switch (a, b) {
        case let (.meter(testA, meterA), .meter(testB, meterB)):
            return meterA == meterB && (excludes(testA, testB) || excludes(testB, testA))
        case let (.days(daysA), .days(daysB)):
            return daysA.isDisjoint(with: daysB)
        case let (.output(nameA, stateA), .output(nameB, stateB)):
            return nameA == nameB && stateA != stateB
        case (.time, .time), (.time, .any), (.any, .time):
            guard let minutesA = minutes(a), let minutesB = minutes(b) else { return false }
            return minutesA.isDisjoint(with: minutesB)
        default:
            return false
        }
    }

    /// Meter tests, one direction (the caller tries both orders).
    static func excludes(_ a: MeterTest, _ b: MeterTest) -> Bool {
        switch (a, b) {
        case let (.period(periodsA), .period(periodsB)): return periodsA.isDisjoint(with: periodsB)
        case let (.tempoToday(coloursA), .tempoToday(coloursB)): return coloursA.isDisjoint(with: coloursB)
        case let (.tempoTomorrow(coloursA), .tempoTomorrow(coloursB)): return coloursA.isDisjoint(with: coloursB)
        case let (.period(periods), .tempoToday(colours)):
            // Only when every period is a Tempo one: today's colour is then the period's.
            let periodColours = periods.compactMap(\.tempoColor)
            return periodColours.count == periods.count && colours.isDisjoint(with: periodColours)
        case let (.ejpNotice(x), .ejpNotice(y)), let (.ejpPeak(x), .ejpPeak(y)), let (.overpower(x), .overpower(y)):
            return x != y
        case let (.relay(numberA, closedA), .relay(numberB, closedB)): return numberA == numberB && closedA != closedB
        case let (.dryContact(closedA), .dryContact(closedB)): return closedA != closedB
        case let (.apparentPower(boundsA), .apparentPower(boundsB)), let (.injectedPower(boundsA), .injectedPower(boundsB)):
            return leavesNoRoom(boundsA, boundsB)
        case let (.current(boundsA), .current(boundsB)): return leavesNoRoom(boundsA, boundsB)
        default: return false
        }
    }

    /// `above: X` in one and `below: Y` in the other, with Y ≤ X in the same unit.
    static func leavesNoRoom<Level: LevelOrdering>(_ a: Bounds<Level>, _ b: Bounds<Level>) -> Bool {
        if let above = a.above, let below = b.below, above.isAtLeast(below) { return true }
        if let above = b.above, let below = a.below, above.isAtLeast(below) { return true }
        return false
    }

    /// The minutes of the day a time condition covers (a window, or `any` of windows).
    static func minutes(_ condition: Condition) -> Set<Int>? {
        switch condition {
        case .time(let window): return Set((0..<1440).filter(window.contains(minuteOfDay:)))
        case .any(let conditions):
            var union: Set<Int> = []
            for condition in conditions {
                guard case .time = condition, let covered = minutes(condition) else { return nil }
                union.formUnion(covered)
            }
            return union
        default: return nil
        }
    }
}
