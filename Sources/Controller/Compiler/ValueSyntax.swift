import TIC

/// Parsers for the scalar values of a rules file. Pure: text in, value or ``ValueProblem`` out.
enum ValueSyntax {
    static let durationUnits: [String: Int64] = [
        "ms": 1, "s": 1000, "sec": 1000, "secs": 1000, "second": 1000, "seconds": 1000,
        "min": 60_000, "mins": 60_000, "minute": 60_000, "minutes": 60_000,
        "h": 3_600_000, "hour": 3_600_000, "hours": 3_600_000,
    ]
    static let durationExamples = "write a number and a unit: 30 s, 2 min, 1 h"

    /// `30 s`, `2 min`, `1.5 h`, `500 ms`; never negative.
    static func duration(_ text: String) -> Result<Duration, ValueProblem> {
        guard let quantity = DecimalQuantity(text) else {
            return .failure(ValueProblem("'\(text)' is not a duration", hint: durationExamples))
        }
        if quantity.unit.isEmpty {
            return .failure(ValueProblem("duration '\(text)' has no unit", hint: "write \(quantity.number) s or \(quantity.number) min"))
        }
        guard let millis = durationUnits[quantity.unit.lowercased()] else {
            let hint = quantity.unit.lowercased() == "m"
                ? "'m' is ambiguous: write \(quantity.number) min (minutes)"
                : "unknown unit '\(quantity.unit)': \(durationExamples)"
            return .failure(ValueProblem("'\(text)' is not a duration", hint: hint))
        }
        if quantity.isNegative {
            return .failure(ValueProblem("duration '\(text)' is negative", hint: "a duration is 0 s or more"))
        }
        return .success(.milliseconds(Int64(quantity.thousandths) * millis / 1000))
    }

    /// `8500 VA`, `8.5 kVA`, `95%`.
    static func power(_ text: String) -> Result<PowerLevel, ValueProblem> {
        guard let quantity = DecimalQuantity(text) else {
            return .failure(ValueProblem("'\(text)' is not a power", hint: "write a power in VA or kVA, or a percentage of the subscribed power: 6000 VA, 6 kVA, 95%"))
        }
        if quantity.isNegative { return .failure(ValueProblem("power '\(text)' is negative")) }
        switch quantity.unit.lowercased() {
        case "":
            return .failure(ValueProblem("power '\(text)' has no unit", hint: "write \(powerSuggestion(quantity))"))
        case "va": return wholeVA(quantity.thousandths / 1000, exact: quantity.isWhole, text: text)
        case "kva": return wholeVA(quantity.thousandths, exact: true, text: text)
        case "%": return percent(quantity, text: text).map(PowerLevel.percentOfSubscribed)
        case "w", "kw":
            return .failure(ValueProblem("the meter reports apparent power in VA, not '\(quantity.unit)'", hint: "write \(powerSuggestion(quantity))"))
        default:
            return .failure(ValueProblem("unknown power unit '\(quantity.unit)'", hint: "write \(powerSuggestion(quantity)), or a percentage: 95%"))
        }
    }

    private static func wholeVA(_ value: Int, exact: Bool, text: String) -> Result<PowerLevel, ValueProblem> {
        guard exact else { return .failure(ValueProblem("'\(text)' is not a whole number of VA")) }
        return .success(.voltAmperes(VoltAmperes(value)))
    }

    /// "6000 VA or 6 kVA" for `6` (small numbers are taken as kVA) and for `6000`.
    static func powerSuggestion(_ quantity: DecimalQuantity) -> String {
        let thousandths = abs(quantity.thousandths)
        let va = thousandths < 100_000 ? thousandths : thousandths / 1000
        return "\(va) VA or \(DecimalQuantity.format(thousandths: va)) kVA"
    }

    /// `25 A`, `90%`.
    static func current(_ text: String) -> Result<CurrentLevel, ValueProblem> {
        guard let quantity = DecimalQuantity(text) else {
            return .failure(ValueProblem("'\(text)' is not a current", hint: "write a current in A, or a percentage of the subscribed current: 30 A, 90%"))
        }
        if quantity.isNegative { return .failure(ValueProblem("current '\(text)' is negative")) }
        switch quantity.unit {
        case "": return .failure(ValueProblem("current '\(text)' has no unit", hint: "write \(quantity.number) A"))
        case "A", "a":
            guard quantity.isWhole else { return .failure(ValueProblem("the meter reports whole amperes, not '\(text)'")) }
            return .success(.amperes(Amperes(quantity.whole)))
        case "%": return percent(quantity, text: text).map(CurrentLevel.percentOfSubscribed)
        default: return .failure(ValueProblem("unknown current unit '\(quantity.unit)'", hint: "write \(quantity.number) A"))
        }
    }

    private static func percent(_ quantity: DecimalQuantity, text: String) -> Result<Int, ValueProblem> {
        guard quantity.isWhole, (1...100).contains(quantity.whole) else {
            return .failure(ValueProblem("percentage '\(text)' is not a whole number from 1% to 100%", hint: "a percentage of the subscribed value, e.g. 95%"))
        }
        return .success(quantity.whole)
    }

    /// `22:30-06:30` (crossing midnight), `08:00 - 12:00`; `24:00` as an end.
    static func timeWindow(_ text: String) -> Result<TimeWindow, ValueProblem> {
        let hint = "write HH:MM-HH:MM, e.g. 22:30-06:30 (a window may cross midnight)"
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        guard parts.count == 2, let start = minuteOfDay(parts[0]), let end = minuteOfDay(parts[1]) else {
            return .failure(ValueProblem("'\(text)' is not a time window", hint: hint))
        }
        guard start < 1440 else { return .failure(ValueProblem("a window cannot start at 24:00", hint: hint)) }
        guard start != end % 1440 else {
            return .failure(ValueProblem("time window '\(text)' is empty", hint: "for the whole day, leave 'time:' out"))
        }
        return .success(TimeWindow(start: start, end: end % 1440))
    }

    /// `HH:MM` (or `H:MM`), 00:00…24:00.
    static func minuteOfDay(_ text: String) -> Int? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2, (1...2).contains(pieces[0].count), pieces[1].count == 2,
              pieces.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(pieces[0]), let minute = Int(pieces[1]), minute < 60,
              hour < 24 || (hour == 24 && minute == 0)
        else { return nil }
        return hour * 60 + minute
    }

    /// `on` / `off`.
    static func state(_ text: String) -> Result<OutputState, ValueProblem> {
        if let state = OutputState(rawValue: text.lowercased()) { return .success(state) }
        let hint = ["true", "yes", "1", "high", "active"].contains(text.lowercased()) ? "write on"
            : ["false", "no", "0", "low", "inactive"].contains(text.lowercased()) ? "write off" : "write on or off"
        return .failure(ValueProblem("'\(text)' is not an output state", hint: hint))
    }

    /// `true` / `false`.
    static func flag(_ text: String) -> Result<Bool, ValueProblem> {
        switch text.lowercased() {
        case "true": return .success(true)
        case "false": return .success(false)
        default:
            let hint = ["yes", "on", "1"].contains(text.lowercased()) ? "write true"
                : ["no", "off", "0"].contains(text.lowercased()) ? "write false" : "write true or false"
            return .failure(ValueProblem("'\(text)' is not true or false", hint: hint))
        }
    }

    /// `closed` / `open` (or `true` / `false`): whether a relay or the dry contact is closed.
    static func contact(_ text: String) -> Result<Bool, ValueProblem> {
        switch text.lowercased() {
        case "closed", "true": return .success(true)
        case "open", "false": return .success(false)
        default: return .failure(ValueProblem("'\(text)' is not a contact state", hint: "write closed or open"))
        }
    }
}
