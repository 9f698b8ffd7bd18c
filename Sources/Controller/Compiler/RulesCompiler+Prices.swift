import Foundation
import TIC
import Yams

extension RulesCompiler {
    static let priceKeys = ["from", "subscription", "energy", "injection", "meter"]

    /// The period names a price may name, by contract (the names of `linkyd decode`, ``TariffPeriod``);
    /// `index-N` prices supplier index N of a contract linkyd does not classify (tic-protocol.md §7.2).
    static let periodFamilies: [(contract: String, periods: [String])] = [
        ("base", ["base"]),
        ("HC/HP", ["hc", "hp"]),
        ("EJP", ["hn", "pm"]),
        ("Tempo", ["hc-blue", "hp-blue", "hc-white", "hp-white", "hc-red", "hp-red"]),
        ("other", (1...10).map { "index-\($0)" }),
    ]

    /// `prices:` — a list of dated entries (``PriceSchedule``). Errors: a malformed value, an unknown
    /// period name, an unknown meter, two entries from the same date for the same meter. Warnings: an
    /// entry that mixes the periods of several contracts, or prices only some periods of one (energy
    /// in the others would not be costed).
    mutating func compilePrices(_ node: Node) -> PriceSchedule {
        guard let items = node.sequence else {
            error(at: node, "expected a list of dated prices for 'prices', found \(Self.describe(node))",
                  hint: "write prices: [ { from: 2026-01-01, subscription: 0.5012 €/day, energy: { hc: 0.1296, hp: 0.1609 } } ]")
            return PriceSchedule()
        }
        var entries: [PriceEntry] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            guard let entry = compilePriceEntry(item) else { continue }
            let key = "\(entry.meter ?? "")|\(entry.from)"
            if let first = seen[key] {
                error(at: entry.location, "two price entries from \(entry.from)\(entry.meter.map { " for meter '\($0)'" } ?? "")",
                      hint: "the first is at line \(first.line); keep one (an entry applies until the next one's date)")
            } else {
                seen[key] = entry.location
            }
            entries.append(entry)
        }
        return PriceSchedule(entries: entries)
    }

    private mutating func compilePriceEntry(_ node: Node) -> PriceEntry? {
        guard let fields = fields(of: node, in: "a price entry", allowed: Self.priceKeys) else { return nil }
        guard let fromEntry = fields["from"] else {
            error(at: fields.location, "a price entry needs 'from:' (the day it applies from)", hint: "e.g. from: 2026-01-01")
            return nil
        }
        guard let from = value(fromEntry.value, expected: "a date such as 2026-01-01", Self.date) else { return nil }
        var entry = PriceEntry(from: from, location: Self.location(of: fromEntry.keyNode))
        if let meter = fields["meter"], let name = text(meter.value, expected: "a meter name") {
            if meterLocations[name] == nil {
                let hint = Suggestion.didYouMean(name, among: meterNames) ?? "declared meters: \(Suggestion.list(meterNames))"
                error(at: meter.value, "unknown meter '\(name)'", hint: hint)
            }
            entry.meter = name
        }
        if let subscription = fields["subscription"] {
            entry.subscriptionPerDay = value(subscription.value, expected: "a price such as 0.5012 €/day", Self.subscription)
        }
        if let injection = fields["injection"] {
            entry.injection = value(injection.value, expected: "a price per kWh such as 0.1276", Self.pricePerKWh)
        }
        if let energy = fields["energy"], let prices = entries(of: energy.value, expected: "a mapping of period names to € per kWh") {
            for price in prices {
                guard Self.periodFamilies.contains(where: { $0.periods.contains(price.key) }) else {
                    let all = Self.periodFamilies.flatMap(\.periods)
                    let hint = Suggestion.didYouMean(price.key, among: all)
                        ?? "period names are those of `linkyd decode`: base, hc, hp, hn, pm, hc-blue … hp-red, or index-1 … index-10"
                    error(at: price.keyNode, "unknown period '\(price.key)'", hint: hint)
                    continue
                }
                if let value = value(price.value, expected: "a price per kWh such as 0.1296", Self.pricePerKWh) {
                    entry.energy[price.key] = value
                }
            }
            warnAboutPartialPrices(entry, at: energy.keyNode)
        }
        return entry
    }

    /// A price list that covers some periods of a contract and not others, or several contracts.
    private mutating func warnAboutPartialPrices(_ entry: PriceEntry, at node: Node) {
        let names = Set(entry.energy.keys)
        let families = Self.periodFamilies.filter { !names.isDisjoint(with: $0.periods) }
        if families.count > 1 {
            warning(at: node, "prices from \(entry.from) mix the periods of \(Suggestion.list(families.map(\.contract))) contracts",
                    hint: "a meter has one contract; give each meter its own entries with meter: NAME")
        } else if let family = families.first, family.contract != "other" {
            let missing = family.periods.filter { !names.contains($0) }
            if !missing.isEmpty {
                warning(at: node, "prices from \(entry.from) have no price for \(Suggestion.list(missing))",
                        hint: "energy in \(missing.count == 1 ? "that period" : "those periods") will not be costed; `linkyd report` says so")
            }
        }
    }

    static func date(_ text: String) -> Result<CalendarDate, ValueProblem> {
        CalendarDate(parsing: text).map { .success($0) }
            ?? .failure(ValueProblem("'\(text)' is not a date", hint: "write YYYY-MM-DD, e.g. 2026-01-01"))
    }

    /// `0.1296`, `0.1296 €/kWh`.
    static func pricePerKWh(_ text: String) -> Result<Double, ValueProblem> {
        let (number, unit) = splitPrice(text)
        guard let number, number >= 0 else {
            return .failure(ValueProblem("'\(text)' is not a price", hint: "write € per kWh including taxes, e.g. 0.1296"))
        }
        guard ["", "€/kwh", "eur/kwh"].contains(unit.lowercased()) else {
            return .failure(ValueProblem("unknown price unit '\(unit)'", hint: "energy prices are € per kWh: write 0.1296 or 0.1296 €/kWh"))
        }
        return .success(number)
    }

    /// `0.5012 €/day`, `15.24 €/month` (× 12 / 365 per day); per day.
    static func subscription(_ text: String) -> Result<Double, ValueProblem> {
        let (number, unit) = splitPrice(text)
        let hint = "write 0.5012 €/day or 15.24 €/month"
        guard let number, number >= 0 else { return .failure(ValueProblem("'\(text)' is not a price", hint: hint)) }
        switch unit.lowercased() {
        case "€/day", "eur/day", "€/jour": return .success(number)
        case "€/month", "eur/month", "€/mois": return .success(number * 12 / 365)
        case "": return .failure(ValueProblem("subscription '\(text)' has no period", hint: hint))
        default: return .failure(ValueProblem("unknown subscription unit '\(unit)'", hint: hint))
        }
    }

    /// The number and the rest (`€/day`), spaces removed; a decimal comma is accepted.
    static func splitPrice(_ text: String) -> (Double?, String) {
        let compact = text.filter { $0 != " " }
        let digits = compact.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        let number = Double(digits.replacingOccurrences(of: ",", with: "."))
        return (number, String(compact.dropFirst(digits.count)))
    }
}
