import Controller
import Foundation
import History

/// The one encoding of an energy interval, shared by `linkyd report --json`/`--csv` and
/// `/api/energy`, `/api/energy.csv` (the same keys, the same columns).
extension EnergyInterval {
    /// Euros to 4 decimals.
    public static func euros(_ value: Double) -> String { String(format: "%.4f", value) }

    /// `{"meter", "date", ["hour"], "energy_wh", "cost_eur", "subscription_eur", "total_eur",
    /// "injected_wh", "injection_eur", "total_wh", "unpriced"}`: one line of `linkyd report --json`.
    public var json: String {
        func object(_ pairs: [(String, String)]) -> String {
            "{" + pairs.map { "\(JSONObject.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
        }
        func euros(_ value: Double?) -> String { value.map(Self.euros) ?? "null" }
        var pairs: [(String, String)] = [("meter", JSONObject.quote(meter)), ("date", JSONObject.quote(date))]
        if let hour = key.hour { pairs.append(("hour", String(hour))) }
        pairs.append(("energy_wh", object(energy.keys.sorted().map { ($0, String(energy[$0] ?? 0)) })))
        pairs.append(("cost_eur", object(cost.keys.sorted().map { ($0, euros(cost[$0])) })))
        pairs.append(("subscription_eur", euros(subscription)))
        pairs.append(("total_eur", euros(total)))
        pairs.append(("injected_wh", injected.map(String.init) ?? "null"))
        pairs.append(("injection_eur", euros(injectionValue)))
        pairs.append(("total_wh", String(totalEnergy)))
        pairs.append(("unpriced", "[" + unpriced.map(JSONObject.quote).joined(separator: ",") + "]"))
        return object(pairs)
    }

    /// The header of `linkyd report --csv`.
    public static let csvHeader = "meter,date,hour,period,energy_wh,cost_eur"

    /// One CSV line per period, then the subscription and the injection when there are.
    public var csvLines: [String] {
        let hour = key.hour.map(String.init) ?? ""
        var lines = energy.keys.sorted().map { period in
            "\(meter),\(date),\(hour),\(period),\(energy[period] ?? 0),\(cost[period].map(Self.euros) ?? "")"
        }
        if let subscription { lines.append("\(meter),\(date),\(hour),subscription,,\(Self.euros(subscription))") }
        if let injected { lines.append("\(meter),\(date),\(hour),injected,\(injected),\(injectionValue.map(Self.euros) ?? "")") }
        return lines
    }
}
